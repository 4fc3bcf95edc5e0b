import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueMetrics, QueueThroughput } from '../../../src/shared/contract';
import { startMetricsHost, type MetricsHost } from './metrics-host';
import { waitUntil } from '../../helpers/process-alive';

let env: MetricsHost;
const prefix = `lv${randomBytes(3).toString('hex')}`;
const name = 'burst';

const call = <T>(method: string, params: unknown): Promise<T> => env.call<T>(method, params);
const live = (): Promise<QueueMetrics> =>
  call<QueueMetrics>('metrics.queue', { queue: name, prefix, minutes: 5, resolution: '1s' });

beforeAll(async () => {
  env = await startMetricsHost();
});
afterAll(() => env?.close());

describe('per-second metrics from live events', () => {
  it('counts a burst per second as the event stream stamps it, jobs removed on completion included', async () => {
    const connection = { port: env.redis.port, maxRetriesPerRequest: null };
    const queue = new Queue(name, { connection, prefix });
    await queue.add('seed', {}, { removeOnComplete: true });
    await call('queues.list', { prefix }); // follows the prefix's events, as the UI does
    const worker = new Worker(
      name,
      async (job) => (job.name === 'bad' ? Promise.reject(new Error('x')) : 1),
      {
        connection,
        prefix,
        concurrency: 8,
      },
    );
    const jobs = [
      ...Array.from({ length: 200 }, () => ({ name: 'good', data: {}, opts: { removeOnComplete: true } })),
      ...Array.from({ length: 20 }, () => ({ name: 'bad', data: {} })),
    ];
    await queue.addBulk(jobs);
    let m = await live();
    await waitUntil(async () => {
      m = await live();
      const sum = m.buckets.reduce((n, b) => n + b.completed + b.failed, 0);
      return sum === 221;
    });
    await worker.close();
    expect(m.source).toBe('events');
    expect(m.bucketMs).toBe(1000);
    expect(m.buckets).toHaveLength(300);
    expect(m.lastEventAt).not.toBeNull();

    // The truth: the finished events in the stream, by the second Redis wrote them.
    const raw = new Redis(env.redis.port);
    const entries = await raw.xrange(`${prefix}:${name}:events`, '-', '+');
    raw.disconnect();
    const expected = new Map<number, { completed: number; failed: number }>();
    for (const [id, fields] of entries) {
      const kind = fields[fields.indexOf('event') + 1];
      if (kind !== 'completed' && kind !== 'failed') continue;
      const t = Math.floor(Number(id.split('-')[0]) / 1000) * 1000;
      const slot = expected.get(t) ?? { completed: 0, failed: 0 };
      slot[kind]++;
      expected.set(t, slot);
    }
    const got = new Map(
      m.buckets
        .filter((b) => b.completed + b.failed > 0)
        .map((b) => [b.t, { completed: b.completed, failed: b.failed }]),
    );
    expect(got).toEqual(expected);
    expect([...got.values()].reduce((n, b) => n + b.failed, 0)).toBe(20);

    const [row] = await call<QueueThroughput[]>('metrics.throughput', {
      prefix,
      queues: [name],
      minutes: 5,
      resolution: '10s',
    });
    expect(row?.source).toBe('events');
    expect(row?.values).toHaveLength(30);
    expect(row?.values.reduce((a, b) => a + b, 0)).toBe(221);

    // No BullMQ metrics here, and the sets kept only the 20 failures: per minute, the live events count more.
    const minute = await call<QueueMetrics>('metrics.queue', { queue: name, prefix, minutes: 10 });
    expect(minute.source).toBe('events');
    expect(minute.buckets.reduce((n, b) => n + b.completed + b.failed, 0)).toBe(221);
    await queue.close();
  });

  it("counts another engine's queue from its live events only, never from BullMQ's keys of the same name", async () => {
    const m = await call<QueueMetrics>('metrics.queue', {
      queue: name,
      prefix,
      engine: 'celery',
      minutes: 60,
    });
    expect(m.source).toBe('events');
    expect(m.buckets.reduce((n, b) => n + b.completed + b.failed, 0)).toBe(0);
    expect(m.sampled).toBe(0);
  });

  it('refuses a live resolution over more than the five minutes kept', async () => {
    await expect(
      call('metrics.queue', { queue: name, prefix, minutes: 60, resolution: '1s' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      call('metrics.throughput', { prefix, queues: [name], minutes: 10, resolution: '10s' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
