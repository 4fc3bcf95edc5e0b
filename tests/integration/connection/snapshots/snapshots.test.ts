import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../../src/core/host';
import type { MethodName, Params, Result } from '../../../../src/shared/contract';
import { isAlive, waitUntil } from '../../../helpers/process-alive';
import { startTestRedis } from '../../../helpers/redis-server';

const dataDir = mkdtempSync(join(tmpdir(), 'qd-snap-'));
let host: CoreHost;

async function call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
  const r = await host.call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as Result<M>;
}
async function fail(method: MethodName, params: unknown): Promise<{ code: string; message: string }> {
  const r = await host.call(method, params);
  if (r.ok) throw new Error(`${method} succeeded but was expected to fail`);
  return r.error;
}
const redis = () => host.connection.client();

beforeAll(async () => {
  host = new CoreHost({ dataDir });
  await call('connection.connect', { mode: 'embedded' });
});
afterAll(() => host.close());

describe('snapshots of the embedded Redis', () => {
  it('save → change → restore gives the saved data; the automatic "before restore" snapshot holds the changed data', async () => {
    await redis().mset('a', 'saved', 'b', 'also saved');
    await redis().hset('h', 'f', 'v');
    await redis().set('ttl', 'x', 'PX', 600_000);
    const saved = await call('snapshots.save', { name: 'clean slate' });
    expect(saved).toMatchObject({ name: 'clean slate', keys: 4, auto: false });
    expect(saved.bytes).toBeGreaterThan(0);
    expect((await call('snapshots.list', {})).snapshots.map((s) => s.id)).toContain(saved.id);

    await redis().set('a', 'changed');
    await redis().del('b');
    await redis().set('new', 'written after');
    const urlBefore = host.connection.status().url;

    const refused = await fail('snapshots.restore', { id: saved.id });
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.message).toContain('would replace 4 keys');
    expect(await redis().get('a')).toBe('changed');

    const r = await call('snapshots.restore', { id: saved.id, confirm: 4 });
    expect(r.before).toMatchObject({ auto: true, keys: 4 });
    const status = host.connection.status();
    expect(status).toMatchObject({ state: 'connected', mode: 'embedded' });
    // Another port: services (workers, beat) see it as a switch.
    expect(status.url).not.toBe(urlBefore);
    expect(await redis().mget('a', 'b', 'new')).toEqual(['saved', 'also saved', null]);
    expect(await redis().hgetall('h')).toEqual({ f: 'v' });
    expect(await redis().pttl('ttl')).toBeGreaterThan(590_000);
    // Nothing of the restore is left aside.
    expect(readdirSync(join(dataDir, 'redis')).filter((n) => n.endsWith('.before-restore'))).toEqual([]);

    // The data from before the restore comes back from its own snapshot.
    await call('snapshots.restore', { id: r.before.id, confirm: 4 });
    expect(await redis().mget('a', 'b', 'new')).toEqual(['changed', null, 'written after']);
  });

  it('survives an app restart: the restored data is what the persistent embedded Redis loads next time', async () => {
    await redis().flushall();
    await redis().set('kept', '1');
    const s = await call('snapshots.save', { name: 'one key' });
    await redis().set('kept', '2');
    await call('snapshots.restore', { id: s.id, confirm: 1 });
    await host.close();
    host = new CoreHost({ dataDir });
    await call('connection.connect', { mode: 'embedded' });
    expect(await redis().get('kept')).toBe('1');
  });

  it('stops the workers running on the embedded Redis, as a connection switch does, and says so', async () => {
    const s = await call('snapshots.save', { name: 'for workers' });
    const worker = await call('workers.start', { queues: ['snapq'], concurrency: 1 });
    // The worker announces itself in two writes (its key, then the index): count the keys once both are in.
    await waitUntil(async () => (await redis().smembers('queuedesk:workers')).length > 0);
    const notices: string[] = [];
    const off = host.onEvent((event, payload) => {
      if (event === 'processes.notice') notices.push((payload as { text: string }).text);
    });
    await call('snapshots.restore', { id: s.id, confirm: await redis().dbsize() });
    await waitUntil(() => notices.length > 0);
    off();
    expect(notices[0]).toContain(`stopped ${worker.id} (snapq)`);
    await waitUntil(() => !isAlive(worker.pid as number), 15_000);
  });

  it('deleting a snapshot needs confirm = the keys it holds', async () => {
    const s = await call('snapshots.save', { name: 'to delete' });
    expect((await fail('snapshots.remove', { id: s.id })).code).toBe('CONFIRMATION_REQUIRED');
    expect(await call('snapshots.remove', { id: s.id, confirm: s.keys })).toEqual({ removed: s.id });
    expect(existsSync(join(dataDir, 'snapshots', `${s.id}.rdb`))).toBe(false);
    expect((await call('snapshots.list', {})).snapshots.map((x) => x.id)).not.toContain(s.id);
    expect((await fail('snapshots.restore', { id: s.id, confirm: 0 })).code).toBe('NOT_FOUND');
    expect((await fail('snapshots.restore', { id: '../../etc/passwd' })).code).toBe('INVALID_INPUT');
  });

  it('is not offered for a Redis at a URL, and says why', async () => {
    const other = await startTestRedis();
    try {
      await call('connection.connect', { mode: 'url', url: other.url });
      const list = await call('snapshots.list', {});
      expect(list.available).toBe(false);
      expect(list.reason).toMatch(/Redis at a URL/);
      expect((await fail('snapshots.save', { name: 'x' })).code).toBe('UNSUPPORTED');
    } finally {
      await call('connection.connect', { mode: 'embedded' });
      await other.stop();
    }
  });
});
