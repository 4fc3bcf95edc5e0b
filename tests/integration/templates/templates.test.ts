import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ComposeDraft, EventName, MethodName } from '../../../src/shared/contract';

const draft: ComposeDraft = {
  queue: 'emails',
  kind: 'single',
  task: 'demo.sleep',
  argsJson: '{"ms": 50}',
  options: { attempts: 3, backoff: { type: 'exponential', delayMs: 100 } },
  copies: 1,
};

let dataDir: string;
let host: CoreHost;
const seen: Array<{ event: EventName; data: unknown }> = [];

async function call(method: MethodName, params: unknown): Promise<unknown> {
  const r = await host.call(method, params);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.data;
}
const names = (list: unknown): string[] => (list as Array<{ name: string }>).map((t) => t.name);

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'qd-templates-'));
  host = new CoreHost({ dataDir });
  seen.length = 0;
  host.onEvent((event, data) => seen.push({ event, data }));
});
afterEach(() => host.close());

describe('templates', () => {
  it('saves, lists sorted, renames and deletes, announcing each change', async () => {
    await call('templates.save', { name: 'slow email', draft });
    await call('templates.save', { name: 'a chain', draft: { ...draft, kind: 'chain', steps: [] } });
    expect(names(await call('templates.list', {}))).toEqual(['a chain', 'slow email']);
    expect(names(await call('templates.rename', { from: 'slow email', to: 'sleepy' }))).toEqual([
      'a chain',
      'sleepy',
    ]);
    expect(names(await call('templates.delete', { name: 'a chain' }))).toEqual(['sleepy']);
    const changes = seen.filter((e) => e.event === 'templates.changed');
    expect(changes).toHaveLength(4);
    expect(names(changes.at(-1)?.data)).toEqual(['sleepy']);
  });

  it('persists in the data folder across hosts, with the draft intact', async () => {
    await call('templates.save', { name: 'kept', draft });
    await host.close();
    host = new CoreHost({ dataDir });
    const [kept] = (await call('templates.list', {})) as Array<{ name: string; draft: ComposeDraft }>;
    expect(kept?.draft).toEqual(draft);
    const file = JSON.parse(readFileSync(join(dataDir, 'templates.json'), 'utf8')) as { version: number };
    expect(file.version).toBe(1);
  });

  it('refuses to overwrite or rename onto an existing name unless asked', async () => {
    await call('templates.save', { name: 'one', draft });
    await call('templates.save', { name: 'two', draft });
    await expect(call('templates.save', { name: 'one', draft })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(call('templates.rename', { from: 'one', to: 'two' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const changed = { ...draft, task: 'demo.echo' };
    await call('templates.save', { name: 'one', draft: changed, overwrite: true });
    const list = (await call('templates.list', {})) as Array<{ name: string; draft: ComposeDraft }>;
    expect(list.find((t) => t.name === 'one')?.draft.task).toBe('demo.echo');
    await expect(call('templates.delete', { name: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects bad drafts and stores nothing', async () => {
    const bad = [
      { name: '  ', draft },
      { name: 'x', draft: { ...draft, argsJson: '{oops' } },
      { name: 'x', draft: { ...draft, options: { delayMs: -5 } } },
      { name: 'x', draft: { ...draft, queue: 'has space' } },
    ];
    for (const params of bad)
      await expect(call('templates.save', params)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await call('templates.list', {})).toEqual([]);
  });

  it('skips damaged entries in the file instead of failing', async () => {
    const good = { name: 'good', draft, savedAt: 1 };
    const file = { version: 1, templates: [good, { name: 'bad', draft: { queue: 'a b' } }, null] };
    writeFileSync(join(dataDir, 'templates.json'), JSON.stringify(file));
    expect(names(await call('templates.list', {}))).toEqual(['good']);
    writeFileSync(join(dataDir, 'templates.json'), '{not json');
    expect(await call('templates.list', {})).toEqual([]);
  });
});
