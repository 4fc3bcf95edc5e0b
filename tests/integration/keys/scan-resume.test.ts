import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus, ScanAllEvent } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { startTcpProxy } from '../../helpers/tcp-proxy';

const KEYS = 20_000;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A host scanning KEYS keys through `url`; `outage` runs once a fifth of them arrived, while the walk runs. */
async function scanThrough(url: string, seed: () => Promise<void>, outage: () => Promise<void>) {
  await seed();
  const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-resume-')) });
  cleanups.push(() => host.close());
  const events: ScanAllEvent[] = [];
  const states: ConnectionStatus[] = [];
  host.onEvent((event, data) => {
    if (event === 'keys.scanBatch') events.push(data as ScanAllEvent);
    if (event === 'connection.changed') states.push(data as ConnectionStatus);
  });
  const connected = await host.call('connection.connect', { mode: 'url', url });
  if (!connected.ok) throw new Error(connected.error.message);
  const started = await host.call('keys.scanAll', { match: 'r:*', count: 20 });
  if (!started.ok) throw new Error(started.error.message);
  await waitUntil(() => (events.at(-1)?.seen ?? 0) >= KEYS / 5, 10_000, 2);
  expect(events.some((e) => e.done)).toBe(false);
  await outage();
  // Held until a reconnect attempt failed: the walk's command in flight is failed, not just resent.
  await waitUntil(() => states.some((s) => /ECONNREFUSED/.test(s.error ?? '')), 10_000);
  return {
    events,
    async done(): Promise<ScanAllEvent> {
      await waitUntil(() => events.some((e) => e.done), 20_000);
      return events.at(-1) as ScanAllEvent;
    },
  };
}

const unique = (events: ScanAllEvent[]): number =>
  new Set(events.flatMap((e) => e.keys.map((k) => k.key))).size;

async function seedInto(redis: TestRedis): Promise<void> {
  const c = redis.client();
  for (let i = 0; i < KEYS; i += 1000)
    await c.mset(...Array.from({ length: 1000 }, (_, j) => [`r:${i + j}`, '1']).flat());
}

describe('keys.scanAll when the connection is lost mid-walk', () => {
  it('goes on from its cursor after a network cut, delivering every key', async () => {
    const redis = await startTestRedis();
    const proxy = await startTcpProxy(redis.port);
    cleanups.push(
      () => redis.stop(),
      () => proxy.close(),
    );
    const scan = await scanThrough(
      proxy.url,
      () => seedInto(redis),
      () => proxy.cut(),
    );
    await proxy.heal();
    const last = await scan.done();
    expect(last.error).toBeUndefined();
    expect([last.resumes, last.restarts]).toEqual([1, undefined]);
    expect(unique(scan.events)).toBe(KEYS);
  });

  it('begins again from the start when Redis itself restarted (a cursor means nothing to it), saying so', async () => {
    const redis = await startTestRedis(['--appendonly', 'yes', '--appendfsync', 'always']);
    cleanups.push(() => redis.stop());
    const scan = await scanThrough(
      redis.url,
      () => seedInto(redis),
      () => redis.kill(),
    );
    await redis.restart();
    const last = await scan.done();
    expect(last.error).toBeUndefined();
    expect([last.resumes, last.restarts]).toEqual([undefined, 1]);
    expect(unique(scan.events)).toBe(KEYS);
  });
});
