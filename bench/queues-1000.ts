/**
 * `queues_1000`: 1,000 BullMQ queues under one prefix (one job each, as an app made them), QueueDesk's live feed
 * on for 30 s: the time `queues.list` takes to answer them all, the Redis connections the host holds for the
 * feed, and the share of Redis's own time QueueDesk costs while idle (INFO commandstats over the window).
 * Goals: list ≤ 1,000 ms, connections ≤ 4, idle Redis time ≤ 1%. For scale: BullMQ's QueueEvents, as a
 * per-queue watcher, would hold 1,000 blocking connections.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CoreHost } from '../src/core/host';
import { startTestRedis } from '../tests/helpers/redis-server';
import { commandStats, loadBetween } from '../tests/helpers/redis-time';

const QUEUES = 1000;
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 30_000);

export async function queues1000Line(): Promise<string> {
  const redis = await startTestRedis();
  const app = new Redis({ port: redis.port, connectionName: 'bench-app' });
  const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-bench-q1000-')) });
  try {
    const queues = Array.from({ length: QUEUES }, (_, i) => new Queue(`q1000-${i}`, { connection: app }));
    await Promise.all(queues.map((q, i) => q.add('seed', { i })));
    const connected = await host.call('connection.connect', { mode: 'url', url: redis.url });
    if (!connected.ok) throw new Error(connected.error.message);
    const started = performance.now();
    const listed = await host.call('queues.list', {});
    const listMs = performance.now() - started;
    if (!listed.ok || listed.data.length < QUEUES) throw new Error('queues.list did not answer every queue');
    const names = String(await app.client('LIST'))
      .split('\n')
      .map((line) => / name=(\S*)/.exec(line)?.[1] ?? '');
    const feed = names.filter((n) => n === 'queuedesk:events' || n === 'queuedesk:queues').length;
    const before = await commandStats(app);
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const idle = loadBetween(before, await commandStats(app), Date.now() - t0);
    if (process.env.BENCH_VERBOSE)
      console.log(
        [...idle.usec]
          .sort((a, b) => b[1] - a[1])
          .map(([n, u]) => `${n}:${u}us/${idle.calls.get(n)}`)
          .join(' '),
      );
    await Promise.all(queues.map((q) => q.close()));
    return (
      `queues_1000: list_ms=${listMs.toFixed(0)} feed_connections=${feed} ` +
      `idle_redis_time_pct=${idle.timePct.toFixed(3)}`
    );
  } finally {
    await host.close();
    app.disconnect();
    await redis.stop();
  }
}
