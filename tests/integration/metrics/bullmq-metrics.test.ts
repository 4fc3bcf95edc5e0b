import { randomBytes } from 'node:crypto';
import { MetricsTime, Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerRuntime } from '../../../src/core/worker/runtime';
import type { QueueMetrics, QueueThroughput } from '../../../src/shared/contract';
import { startMetricsHost, type MetricsHost } from './metrics-host';
import { waitUntil } from '../../helpers/process-alive';

let env: MetricsHost;
const prefix = `bm${randomBytes(3).toString('hex')}`;
const connection = (): { port: number; maxRetriesPerRequest: null } => ({
  port: env.redis.port,
  maxRetriesPerRequest: null,
});

const call = <T>(method: string, params: unknown): Promise<T> => env.call<T>(method, params);
const total = (m: QueueMetrics, k: 'completed' | 'failed'): number => m.buckets.reduce((n, b) => n + b[k], 0);

/** Waits until BullMQ's own counters say every job finished (the sets are empty with removeOnComplete). */
async function recorded(queue: Queue, completed: number, failed: number): Promise<void> {
  await waitUntil(async () => {
    const [c, f] = await Promise.all([queue.getMetrics('completed'), queue.getMetrics('failed')]);
    return c.meta.count === completed && f.meta.count === failed;
  });
}

beforeAll(async () => {
  env = await startMetricsHost();
});
afterAll(() => env?.close());

describe('counts from BullMQ metrics', () => {
  it("counts an app worker's jobs removed on completion, where the kept sets have none", async () => {
    const name = 'app-removed';
    const queue = new Queue(name, { connection: connection(), prefix });
    const worker = new Worker(
      name,
      async (job: Job) => {
        if (job.name === 'bad') throw new Error('planned');
        return 'ok';
      },
      {
        connection: connection(),
        prefix,
        concurrency: 4,
        metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
        removeOnComplete: { count: 0 },
        removeOnFail: { count: 0 },
      },
    );
    await queue.addBulk([
      ...Array.from({ length: 25 }, () => ({ name: 'good', data: {}, opts: { removeOnComplete: true } })),
      ...Array.from({ length: 3 }, () => ({ name: 'bad', data: {}, opts: { removeOnFail: true } })),
    ]);
    await recorded(queue, 25, 3);
    await worker.close();
    expect(await queue.getCompletedCount()).toBe(0); // nothing kept: only BullMQ's metrics know

    const m = await call<QueueMetrics>('metrics.queue', { queue: name, prefix, minutes: 60 });
    expect(m.source).toBe('bullmq-metrics');
    expect(m.resolution).toBe('1m');
    expect(total(m, 'completed')).toBe(25);
    expect(total(m, 'failed')).toBe(3);
    expect(m.minutes).toEqual(m.buckets);

    const day = await call<QueueMetrics>('metrics.queue', {
      queue: name,
      prefix,
      minutes: 24 * 60,
      resolution: '1h',
    });
    expect(day.buckets).toHaveLength(24);
    expect(day.buckets.at(-1)?.t).toBe(Math.floor(Date.now() / 3_600_000) * 3_600_000);
    expect(total(day, 'completed')).toBe(25);

    const [row] = await call<QueueThroughput[]>('metrics.throughput', {
      prefix,
      queues: [name],
      minutes: 10,
    });
    expect(row?.source).toBe('bullmq-metrics');
    expect(row?.values.reduce((a, b) => a + b, 0)).toBe(28);
    await queue.close();
  });

  it("turns BullMQ metrics on in QueueDesk's own workers", async () => {
    const name = 'own-worker';
    const runtime = new WorkerRuntime(
      {
        kind: 'worker',
        id: 'metrics-test',
        connection: { port: env.redis.port },
        prefix,
        queues: [name],
        concurrency: 2,
        taskModule: null,
      },
      () => undefined,
    );
    await runtime.start();
    const queue = new Queue(name, { connection: connection(), prefix });
    await queue.addBulk(
      Array.from({ length: 12 }, (_, i) => ({
        name: 'demo.echo',
        data: [i],
        opts: { removeOnComplete: true },
      })),
    );
    await recorded(queue, 12, 0);
    await runtime.close();
    const m = await call<QueueMetrics>('metrics.queue', { queue: name, prefix, minutes: 5 });
    expect(m.source).toBe('bullmq-metrics');
    expect(total(m, 'completed')).toBe(12);
    await queue.close();
  });

  it('places closed minutes as BullMQ pushes them, newest first behind the open minute', async () => {
    // The layout collectMetrics.lua writes: a hash with the running total and the open minute, and a list of
    // closed minutes, newest first. Written here by hand to cover minutes a test cannot wait through.
    const raw = new Redis(env.redis.port);
    const name = 'layout';
    const open = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 60_000;
    await raw.hset(`${prefix}:${name}:metrics:completed`, { count: 20, prevTS: open + 5000, prevCount: 13 });
    await raw.rpush(`${prefix}:${name}:metrics:completed:data`, 4, 0, 6);
    // Two older jobs are still kept in the set, from before the metrics began: they count from the set.
    const before = open - 5 * 60_000;
    await raw.zadd(`${prefix}:${name}:completed`, before + 1, 'a', before + 2, 'b');
    const m = await call<QueueMetrics>('metrics.queue', { queue: name, prefix, minutes: 8 });
    const at = (t: number): number | undefined => m.buckets.find((b) => b.t === t)?.completed;
    expect(m.source).toBe('bullmq-metrics');
    expect(at(open)).toBe(7);
    expect(at(open - 60_000)).toBe(4);
    expect(at(open - 2 * 60_000)).toBe(0);
    expect(at(open - 3 * 60_000)).toBe(6);
    expect(at(before)).toBe(2);
    expect(at(open + 60_000)).toBe(0);
    expect(total(m, 'completed')).toBe(19);
    raw.disconnect();
  });

  it('falls back to the kept sets when no worker records metrics', async () => {
    const m = await call<QueueMetrics>('metrics.queue', { queue: 'never-metered', prefix, minutes: 5 });
    expect(m.source).toBe('sets');
  });
});
