import { describe, expect, it } from 'vitest';
import { KeyTree } from '../../../src/renderer/src/pages/Keys/tree';

const byKey = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? -1 : 1);
const rows = (...keys: string[]): Array<{ key: string }> => keys.map((key) => ({ key }));

describe('KeyTree', () => {
  it('groups by delimiter with counts per folder, folders before keys', () => {
    const t = new KeyTree<{ key: string }>(':');
    t.add(rows('user:1', 'user:2', 'user:admin:1', 'job', 'bull:q:1'));
    t.add(rows('user:3'));
    const top = t.flatten(new Set(), byKey);
    expect(top.map((r) => (r.kind === 'folder' ? `${r.folder.name}/ ${r.folder.count}` : r.row.key))).toEqual(
      ['bull/ 1', 'user/ 4', 'job'],
    );
    const open = t.flatten(new Set(['user:', 'user:admin:']), byKey);
    expect(open.map((r) => (r.kind === 'folder' ? r.folder.path : r.row.key))).toEqual([
      'bull:',
      'user:',
      'user:admin:',
      'user:admin:1',
      'user:1',
      'user:2',
      'user:3',
      'job',
    ]);
    expect(open.find((r) => r.kind === 'key' && r.row.key === 'user:admin:1')?.depth).toBe(2);
  });

  it('uses another delimiter and drops removed keys and empty folders', () => {
    const t = new KeyTree<{ key: string }>('/');
    t.add(rows('a/b/c', 'a/b/d', 'a:x'));
    t.remove((r) => r.key.startsWith('a/b/'));
    const flat = t.flatten(new Set(['a/']), byKey);
    expect(flat.map((r) => (r.kind === 'folder' ? r.folder.path : r.row.key))).toEqual(['a:x']);
    expect(t.root.count).toBe(1);
  });
});
