import { Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../helpers/process-alive';
import { freshQueue } from './conformance-target';
import { useApiHost } from './api-host';

const h = useApiHost();
const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});

const prefix = 'limits';
const connection = (): { port: number; maxRetriesPerRequest: null } => ({
  port: h().redis.port,
  maxRetriesPerRequest: null,
});

describe('queue-wide limits set from QueueDesk', () => {
  it('a real BullMQ worker of concurrency 8 runs at most the global concurrency of 2 at once', async () => {
    const q = { queue: freshQueue(), prefix };
    await h().ok('jobs.add', { ...q, task: 'seed', args: null });
    expect(await h().ok('queues.settings', q)).toEqual({
      concurrency: null,
      rateLimit: null,
      rateLimitedUntil: null,
    });
    expect(await h().ok('queues.setSettings', { ...q, concurrency: 2 })).toMatchObject({ concurrency: 2 });
    for (let i = 0; i < 11; i++) await h().ok('jobs.add', { ...q, task: 'work', args: i });

    let running = 0;
    let most = 0;
    let done = 0;
    const worker = new Worker(
      q.queue,
      async () => {
        most = Math.max(most, ++running);
        // Each job holds its slot a moment (its work), so an unlimited worker would run all 8 at once.
        await new Promise((r) => setTimeout(r, 40));
        running--;
        done++;
      },
      { connection: connection(), prefix, concurrency: 8 },
    );
    workers.push(worker);
    await waitUntil(() => done === 12, 20_000);
    expect(most).toBe(2);

    // Removed: the same worker runs 8 at once again.
    expect(await h().ok('queues.setSettings', { ...q, concurrency: null })).toMatchObject({
      concurrency: null,
    });
    most = 0;
    for (let i = 0; i < 16; i++) await h().ok('jobs.add', { ...q, task: 'work', args: i });
    await waitUntil(() => done === 28, 20_000);
    expect(most).toBeGreaterThan(2);
  });

  it('a global rate limit is kept and, once reached, says until when the queue is limited', async () => {
    const q = { queue: freshQueue(), prefix };
    await h().ok('jobs.add', { ...q, task: 'first', args: null });
    const set = await h().ok('queues.setSettings', { ...q, rateLimit: { max: 1, durationMs: 60_000 } });
    expect(set).toEqual({
      concurrency: null,
      rateLimit: { max: 1, durationMs: 60_000 },
      rateLimitedUntil: null,
    });
    await h().ok('jobs.add', { ...q, task: 'second', args: null });
    let done = 0;
    const worker = new Worker(q.queue, async () => void done++, { connection: connection(), prefix });
    workers.push(worker);
    const before = Date.now();
    await waitUntil(async () => (await h().ok('queues.settings', q)).rateLimitedUntil !== null, 10_000);
    const limited = await h().ok('queues.settings', q);
    expect(limited.rateLimitedUntil).toBeGreaterThan(before);
    expect(limited.rateLimitedUntil).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(done).toBe(1); // the second job waits for the window
    const counts = (await h().ok('queues.list', { prefix })).find((s) => s.name === q.queue)?.counts;
    expect(counts?.completed).toBe(1);

    const removed = await h().ok('queues.setSettings', { ...q, rateLimit: null });
    expect(removed.rateLimit).toBeNull();
  });

  it('refuses bad limits with a clear error and changes nothing', async () => {
    const q = { queue: freshQueue(), prefix };
    await h().ok('jobs.add', { ...q, task: 'seed', args: null });
    await h().ok('queues.setSettings', { ...q, concurrency: 3 });
    for (const [params, message] of [
      [{ concurrency: 0 }, /at least 1/],
      [{ concurrency: 1.5 }, /concurrency/],
      [{ rateLimit: { max: 0, durationMs: 1000 } }, /at least 1 job/],
      [{ rateLimit: { max: 5, durationMs: 1 } }, /at least 10 ms/],
      [{ rateLimit: { max: 5 } }, /durationMs/],
      [{}, /give concurrency or rateLimit/],
      [{ concurrency: 2, extra: true }, /extra/],
    ] as const) {
      const err = await h().err('queues.setSettings', { ...q, ...params });
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.message).toMatch(message);
    }
    expect(await h().ok('queues.settings', q)).toMatchObject({ concurrency: 3, rateLimit: null });
    expect((await h().err('queues.settings', { queue: freshQueue(), prefix })).code).toBe('NOT_FOUND');
    expect((await h().err('queues.settings', { ...q, engine: 'celery' })).code).toBe('UNSUPPORTED');
  });
});
