import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { QueueMetrics, QueueThroughput } from '../../../src/shared/contract';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { waitUntil } from '../../helpers/process-alive';

let redis: TestRedis;
let host: CoreHost;
const prefix = `m${randomBytes(3).toString('hex')}`;
const queueName = 'metered';
let queue: Queue;

async function call<T>(method: 'metrics.queue' | 'metrics.throughput', params: unknown): Promise<T> {
  const r = await host.call(method, params);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.data as T;
}

beforeAll(async () => {
  redis = await startTestRedis();
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-metrics-')) });
  const r = await host.call('connection.connect', { mode: 'url', url: redis.url });
  if (!r.ok) throw new Error(r.error.message);
  const connection = { port: redis.port, maxRetriesPerRequest: null };
  queue = new Queue(queueName, { connection, prefix });
  // 6 jobs that each run ~40 ms; the ones named "bad" fail.
  const worker = new Worker(
    queueName,
    async (job: Job) => {
      await new Promise((r) => setTimeout(r, 40));
      if (job.name === 'bad') throw new Error('planned');
      return 'ok';
    },
    { connection, prefix, concurrency: 1 },
  );
  await queue.addBulk([
    ...Array.from({ length: 4 }, () => ({ name: 'good', data: {} })),
    ...Array.from({ length: 2 }, () => ({ name: 'bad', data: {} })),
  ]);
  await waitUntil(async () => (await queue.getCompletedCount()) + (await queue.getFailedCount()) === 6);
  await worker.close();
});
afterAll(async () => {
  await queue?.close();
  await host?.close();
  await redis?.stop();
});

describe('metrics.queue', () => {
  it('counts completed and failed in the current minute, with run times near the work done', async () => {
    const m = await call<QueueMetrics>('metrics.queue', { queue: queueName, prefix, minutes: 60 });
    expect(m.buckets).toHaveLength(60);
    const sum = (k: 'completed' | 'failed'): number => m.buckets.reduce((n, b) => n + b[k], 0);
    expect(sum('completed')).toBe(4);
    expect(sum('failed')).toBe(2);
    expect(m.sampled).toBe(6);
    const busy = m.buckets.filter((b) => b.runMs !== null);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    for (const b of busy) {
      expect(b.runMs).toBeGreaterThanOrEqual(35);
      expect(b.runMs).toBeLessThan(2000);
      expect(b.waitMs).toBeGreaterThanOrEqual(0);
    }
    // Minutes are consecutive and the last one is the minute now running.
    expect(m.buckets.at(-1)?.t).toBe(Math.floor(Date.now() / 60_000) * 60_000);
    expect((m.buckets[1]?.t ?? 0) - (m.buckets[0]?.t ?? 0)).toBe(60_000);
  });

  it('answers zeros for a queue with no finished jobs, and rejects bad input', async () => {
    const m = await call<QueueMetrics>('metrics.queue', { queue: 'never-used', prefix, minutes: 5 });
    expect(m.buckets.map((b) => b.completed + b.failed)).toEqual([0, 0, 0, 0, 0]);
    await expect(call('metrics.queue', { queue: 'a:b', prefix })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(call('metrics.queue', { queue: queueName, prefix, minutes: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('metrics.throughput', () => {
  it('gives finished jobs per minute for each queue asked', async () => {
    const list = await call<QueueThroughput[]>('metrics.throughput', {
      prefix,
      queues: [queueName, 'never-used'],
      minutes: 10,
    });
    expect(list.map((q) => q.queue)).toEqual([queueName, 'never-used']);
    expect(list[0]?.values).toHaveLength(10);
    expect(list[0]?.values.reduce((a, b) => a + b, 0)).toBe(6);
    expect(list[1]?.values.every((n) => n === 0)).toBe(true);
  });
});
