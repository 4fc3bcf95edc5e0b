import { afterAll, describe, expect, it } from 'vitest';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { waitUntil } from '../../helpers/process-alive';
import { useApiHost } from './api-host';
import { freshQueue } from './conformance-target';

const h = useApiHost();
const closers: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

describe('search across every queue', () => {
  it('finds jobs by args and by task in 50 queues and every state, paged, saying how much it looked at', async () => {
    const shared = new Redis({ port: h().redis.port, maxRetriesPerRequest: null });
    closers.push(async () => shared.disconnect());
    const stem = freshQueue();
    const queues = Array.from({ length: 50 }, (_, i) => new Queue(`${stem}-${i}`, { connection: shared }));
    closers.push(() => Promise.all(queues.map((q) => q.close())));
    await Promise.all(
      queues.map((q) => q.addBulk(Array.from({ length: 20 }, (_, j) => ({ name: 'noise', data: { j } })))),
    );
    const waiting = await queues[7]!.add('email.send', { to: 'needle-xyz@example.test' });
    const delayed = await queues[23]!.add('email.send', { to: 'needle-xyz@other.test' }, { delay: 600_000 });
    const failing = queues[49]!;
    const failed = await failing.add('charge', { customer: 'needle-xyz' });
    const worker = new Worker(failing.name, async () => Promise.reject(new Error('declined')), {
      connection: { port: h().redis.port, maxRetriesPerRequest: null },
    });
    await waitUntil(async () => (await failing.getJobState(failed.id!)) === 'failed', 10_000);
    await worker.close();
    await h().ok('queues.list', { refresh: true });

    const found = await h().ok('jobs.search', { text: 'needle-xyz', engine: 'bullmq' });
    expect(found.total).toBe(3);
    expect(found.hits.map((hit) => `${hit.queue}/${hit.id}/${hit.state}`).sort()).toEqual(
      [
        `${queues[7]!.name}/${waiting.id}/waiting`,
        `${queues[23]!.name}/${delayed.id}/delayed`,
        `${failing.name}/${failed.id}/failed`,
      ].sort(),
    );
    expect(found.queuesScanned).toBeGreaterThanOrEqual(50);
    expect(found.scanned).toBeGreaterThanOrEqual(50 * 20);
    expect(found.truncated).toBe(false);

    const page2 = await h().ok('jobs.search', { text: 'needle-xyz', engine: 'bullmq', offset: 1, limit: 1 });
    expect(page2.total).toBe(3);
    expect(page2.hits).toHaveLength(1);
    expect(found.hits.slice(1, 2).map((x) => x.id)).toEqual(page2.hits.map((x) => x.id));

    const byTask = await h().ok('jobs.search', { text: 'email.send', engine: 'bullmq', states: ['delayed'] });
    expect(byTask.hits.map((x) => x.id)).toEqual([delayed.id]);
  }, 60_000);
});

describe('per-task statistics', () => {
  it('counts a known mix per task, with its failure rate and run time percentiles', async () => {
    const q = new Queue(freshQueue(), { connection: { port: h().redis.port } });
    closers.push(() => q.close());
    const worker = new Worker(
      q.name,
      async (job) => {
        if (job.name === 'slow') await new Promise((r) => setTimeout(r, 200));
        if (job.name === 'flaky' && (job.data as { n: number }).n < 6) throw new Error('flaked');
      },
      { connection: { port: h().redis.port, maxRetriesPerRequest: null }, concurrency: 4 },
    );
    closers.push(() => worker.close());
    await q.addBulk([
      ...Array.from({ length: 10 }, (_, n) => ({ name: 'fast', data: { n } })),
      ...Array.from({ length: 10 }, (_, n) => ({ name: 'flaky', data: { n } })),
      ...Array.from({ length: 3 }, (_, n) => ({ name: 'slow', data: { n } })),
    ]);
    await waitUntil(async () => (await q.getCompletedCount()) + (await q.getFailedCount()) === 23, 20_000);
    const stats = await h().ok('queues.taskStats', { queue: q.name, windowMs: 600_000 });
    const by = Object.fromEntries(stats.tasks.map((t) => [t.task, t]));
    expect(stats.jobsRead).toBe(23);
    expect(by.fast).toMatchObject({ completed: 10, failed: 0, failureRate: 0 });
    expect(by.flaky).toMatchObject({ completed: 4, failed: 6, failureRate: 0.6 });
    expect(by.slow?.runMs?.p50).toBeGreaterThanOrEqual(190);
    expect(by.fast?.runMs?.p50).toBeLessThan(by.slow!.runMs!.p50);
    expect(by.slow?.waitMs?.max).toBeGreaterThanOrEqual(0);
    const all = await h().ok('queues.taskStats', { windowMs: 600_000 });
    expect(all.queuesScanned).toBeGreaterThan(1);
    expect(all.tasks.find((t) => t.task === 'flaky')?.failed).toBeGreaterThanOrEqual(6);
  }, 40_000);
});
