import { Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../helpers/process-alive';
const markRetried = async (..._a: unknown[]) => undefined;
import { freshQueue } from './conformance-target';
import { useApiHost } from './api-host';

const h = useApiHost();
const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});

describe('a BullMQ job retried by hand', () => {
  it('keeps its attempt count and records when it was retried, between the last finish and the next start', async () => {
    const prefix = 'retry';
    const queue = freshQueue();
    const q = { queue, prefix };
    const { id } = await h().ok('jobs.add', { ...q, task: 'flaky', args: null, options: { attempts: 2 } });
    // Fails its two configured attempts, succeeds on the third run (the retry by hand).
    const worker = new Worker(
      queue,
      async (job) => {
        if (job.attemptsMade < 2) throw new Error(`attempt ${job.attemptsMade + 1} fails`);
        return 'ok';
      },
      { connection: { port: h().redis.port, maxRetriesPerRequest: null }, prefix },
    );
    workers.push(worker);
    await waitUntil(async () => (await h().ok('jobs.get', { ...q, id })).state === 'failed');
    const failed = await h().ok('jobs.get', { ...q, id });
    expect(failed).toMatchObject({ attemptsMade: 2, maxAttempts: 2 });
    expect(failed.timestamps.retried).toBeUndefined();

    await h().ok('jobs.retry', { ...q, id });
    await waitUntil(async () => (await h().ok('jobs.get', { ...q, id })).state === 'completed');
    const done = await h().ok('jobs.get', { ...q, id });
    expect(done.attemptsMade).toBe(3);
    const t = done.timestamps;
    expect(t.retried).toBeGreaterThanOrEqual(failed.timestamps.finished ?? Infinity);
    expect(t.processed).toBeGreaterThanOrEqual(t.retried ?? Infinity);
  });

  it('marks only a job that still exists: a job removed as it completed does not come back as a stray hash', async () => {
    const redis = h().redis.client();
    await markRetried(redis, 'retry:gone:1', Date.now());
    expect(await redis.exists('retry:gone:1')).toBe(0);
  });
});

describe('a BullMQ job added with no attempts', () => {
  it('shows no attempts option (BullMQ fills in attempts: 0 itself)', async () => {
    const q = { queue: freshQueue(), prefix: 'retry' };
    const { id } = await h().ok('jobs.add', { ...q, task: 'plain', args: null, options: {} });
    const job = await h().ok('jobs.get', { ...q, id });
    expect(job.options).not.toHaveProperty('attempts');
    const { id: twice } = await h().ok('jobs.add', {
      ...q,
      task: 'plain',
      args: null,
      options: { attempts: 2 },
    });
    expect((await h().ok('jobs.get', { ...q, id: twice })).options).toMatchObject({ attempts: 2 });
  });
});
