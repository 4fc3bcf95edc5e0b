import { describe, expect, it } from 'vitest';
import { NameSet } from '../../../src/core/keys/name-set';

describe('NameSet', () => {
  it('counts each name once, however often it comes, across the table growing', () => {
    const set = new NameSet();
    const N = 300_000; // the table grows several times past its 4,096 starting slots
    const added = [0, 0];
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < N; i++) if (set.add(Buffer.from(`key:${i}`))) added[round]!++;
    }
    expect(added).toEqual([N, 0]);
    expect(set.size).toBe(N);
  });

  it('tells apart names that differ in one byte, by length only, or are empty', () => {
    const set = new NameSet();
    const names = ['', '\0', '\0\0', 'a', 'b', 'ab', 'ba', 'key:1', 'key:2', 'key:10', 'kez:1'];
    for (const n of names) set.add(Buffer.from(n, 'latin1'));
    set.add(Buffer.from([0xff, 0xfe]));
    set.add(Buffer.from([0xfe, 0xff]));
    expect(set.size).toBe(names.length + 2);
    expect(set.add(Buffer.from('key:10'))).toBe(false);
  });

  it('has no fingerprint collision among a million names that look alike', () => {
    const set = new NameSet();
    for (let i = 0; i < 1_000_000; i++) set.add(Buffer.from(`user:${i}:session`));
    expect(set.size).toBe(1_000_000);
  });
});
