import { Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../helpers/process-alive';
import { freshQueue } from './conformance-target';
import { useApiHost } from './api-host';

const h = useApiHost();

describe('queues API: every method on its happy path, under a custom prefix', () => {
  it('adds, lists, inspects, pauses, promotes, retries, cleans, drains and obliterates', async () => {
    const prefix = 'app';
    const queue = freshQueue();
    const q = { queue, prefix };
    const { id: delayed } = await h().ok('jobs.add', {
      ...q,
      task: 'later',
      args: 1,
      options: { delayMs: 60_000 },
    });
    await h().ok('jobs.add', { ...q, task: 'later', args: 2, options: { delayMs: 60_000 } });
    const { id: now } = await h().ok('jobs.add', {
      ...q,
      task: 'now',
      args: { who: 'ann' },
      options: { lifo: true },
    });
    expect((await h().ok('queues.list', {})).map((s) => s.name)).not.toContain(queue); // other prefix
    const [summary] = (await h().ok('queues.list', { prefix })).filter((s) => s.name === queue);
    expect(summary).toMatchObject({ prefix, paused: false, workers: 0, counts: { waiting: 1, delayed: 2 } });

    const page = await h().ok('jobs.list', { ...q, state: 'delayed', limit: 1 });
    expect(page).toMatchObject({ total: 2, jobs: [{ task: 'later', state: 'delayed' }] });
    expect(
      (await h().ok('jobs.list', { ...q, state: 'waiting', search: 'ANN' })).jobs.map((j) => j.id),
    ).toEqual([now]);
    expect(await h().ok('jobs.get', { ...q, id: now })).toMatchObject({
      args: { who: 'ann' },
      options: { lifo: true },
    });

    expect(await h().ok('queues.pause', q)).toMatchObject({
      paused: true,
      counts: { waiting: 0, paused: 1 },
    });
    expect(await h().ok('queues.resume', q)).toMatchObject({
      paused: false,
      counts: { waiting: 1, paused: 0 },
    });
    expect(await h().ok('jobs.promote', { ...q, id: delayed })).toEqual({ id: delayed, state: 'waiting' });
    expect(await h().ok('jobs.promoteAll', q)).toEqual({ promoted: 1 });

    const worker = new Worker(
      queue,
      async (job) => {
        if (job.name === 'later') throw new Error('later fails');
        return 'done';
      },
      { connection: { port: h().redis.port, maxRetriesPerRequest: null }, prefix },
    );
    await waitUntil(async () => (await h().ok('queues.workers', q)).length === 1);
    await waitUntil(async () => {
      const counts = (await h().ok('queues.list', { prefix })).find((s) => s.name === queue)?.counts;
      return counts?.failed === 2 && counts.completed === 1;
    });
    await worker.close();
    expect(await h().ok('jobs.retry', { ...q, id: delayed })).toEqual({ id: delayed, state: 'waiting' });
    expect(await h().ok('jobs.retryAll', { ...q, state: 'failed' })).toEqual({ retried: 1 });
    expect(await h().ok('queues.drain', q)).toMatchObject({ counts: { waiting: 0 } });
    expect(await h().ok('queues.clean', { ...q, state: 'completed' })).toEqual({ removed: 1 });
    expect((await h().err('jobs.get', { ...q, id: now })).code).toBe('NOT_FOUND');
    const { id: extra } = await h().ok('jobs.add', {
      ...q,
      task: 'extra',
      args: null,
      options: { delayMs: 1000 },
    });
    expect(await h().ok('jobs.remove', { ...q, id: extra })).toEqual({ removed: true });
    await h().ok('jobs.add', { ...q, task: 'last', args: null });
    // A queue with jobs goes only with confirm equal to their number; a refusal removes nothing.
    expect(await h().err('queues.obliterate', q)).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect(await h().err('queues.obliterate', { ...q, confirm: 2 })).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      message: expect.stringMatching(/delete 1 job but confirm was 2/),
    });
    expect((await h().ok('queues.list', { prefix })).map((s) => s.name)).toContain(queue);
    expect(await h().ok('queues.obliterate', { ...q, confirm: 1 })).toEqual({ removedJobs: 1 });
    expect((await h().ok('queues.list', { prefix })).map((s) => s.name)).not.toContain(queue);
  });
});
