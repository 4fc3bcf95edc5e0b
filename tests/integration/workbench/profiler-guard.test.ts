import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ProfilerLinesEvent } from '../../../src/shared/contract';
import { commandFlood, infoNumber } from '../../helpers/command-flood';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis } from '../../helpers/redis-server';
import { startTcpProxy } from '../../helpers/tcp-proxy';

const MB = 1024 * 1024;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A profiler run through a proxy that stops reading the MONITOR connection's replies (a host that fell behind),
 * while redis-benchmark floods the server directly. Returns the last event and Redis's memory before and at peak.
 */
async function floodStalled(redisArgs: string[]) {
  const redis = await startTestRedis(redisArgs);
  cleanups.push(() => redis.stop());
  const proxy = await startTcpProxy(redis.port);
  cleanups.push(() => proxy.close());
  const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-profguard-')) });
  cleanups.push(() => host.close());
  const connected = await host.call('connection.connect', { mode: 'url', url: proxy.url });
  if (!connected.ok) throw new Error(connected.error.message);
  const events: ProfilerLinesEvent[] = [];
  host.onEvent((event, data) => event === 'server.profilerLines' && events.push(data as ProfilerLinesEvent));

  const admin = redis.client();
  cleanups.push(() => void admin.disconnect());
  await admin.config('RESETSTAT'); // used_memory_peak from here on
  const before = infoNumber(await admin.info('memory'), 'used_memory');
  const started = await host.call('server.profilerStart', { seconds: 60, profilerId: 'g1' });
  if (!started.ok) throw new Error(started.error.message);
  proxy.stall('queuedesk:profiler'); // after its MONITOR was answered
  const flood = commandFlood(redis.port, 20_000_000);
  cleanups.push(() => flood.stop());
  await waitUntil(() => events.at(-1)?.stopped !== undefined, 55_000, 50);
  flood.stop();
  const peak = infoNumber(await admin.info('memory'), 'used_memory_peak');
  // Closing the MONITOR connection (through the proxy) lets Redis free what it held.
  await waitUntil(
    async () => !String(await admin.call('CLIENT', 'LIST')).includes('name=queuedesk:profiler '),
  );
  const after = infoNumber(await admin.info('memory'), 'used_memory');
  return { last: events.at(-1)!, before, peak, after };
}

describe('the profiler protects Redis from its own backlog', () => {
  it('stops when Redis buffers more than 32 MB for it, says so, and Redis’s memory stays bounded', async () => {
    const r = await floodStalled([]);
    expect(r.last.stopped).toBe('redis-memory');
    expect(r.last.stopDetail).toMatch(
      /^Redis was buffering \d+ MB for the profiler \(limit 32 MB\).*stopped/,
    );
    // One probe period of a flood past the bound at most (Redis ran ~1M commands/s here at best).
    expect(r.peak - r.before).toBeLessThan(80 * MB);
    expect(r.peak - r.before).toBeGreaterThan(32 * MB);
    // Closing the MONITOR connection gave the memory back.
    expect(r.after - r.before).toBeLessThan(8 * MB);
  }, 70_000);

  it('keeps to a tenth of maxmemory when that is less', async () => {
    const r = await floodStalled(['--maxmemory', '64mb']);
    expect(r.last.stopped).toBe('redis-memory');
    expect(r.last.stopDetail).toMatch(/for the profiler \(limit 6\.4 MB\)/);
    expect(r.peak - r.before).toBeLessThan(40 * MB);
  }, 70_000);
});
