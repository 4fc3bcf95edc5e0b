import { expect, it } from 'vitest';
import { requireState, requireTaskSupported } from '../../../src/core/queues/capabilities';
import { freshQueue, type Target } from './conformance-target';
import { expectApiError } from './expect-api-error';

/** Adding jobs: args and options round-trip, delays, priorities, de-duplication, copies. */
export function enqueueChecks(t: Target): void {
  it('adds a job and reads it back with args, options and timestamps', async () => {
    const q = freshQueue();
    const before = Date.now();
    const d = t().driver;
    if (!d.capabilities.options.attempts) {
      // Retries are decided inside a Celery task: the API refuses them instead of dropping them.
      expect(() => requireTaskSupported(d, { options: { attempts: 3 } })).toThrow(
        /does not support options\.attempts/,
      );
      const id = await d.addJob(q, {
        task: 'demo.echo',
        args: ['hi', [1, 2]],
        options: { expiresMs: 60_000 },
      });
      const job = await d.getJob(q, id);
      expect(job).toMatchObject({
        id,
        queue: q,
        task: 'demo.echo',
        state: 'waiting',
        args: ['hi', [1, 2]],
        maxAttempts: null,
      });
      expect(job.expiresAt).toBeGreaterThanOrEqual(before + 60_000);
      return;
    }
    // Legacy Bull's own workers know no expiry: the API refuses it instead of storing a deadline nobody keeps.
    const expiry = d.capabilities.options.expiry;
    if (!expiry)
      expect(() => requireTaskSupported(d, { options: { expiresMs: 1 } })).toThrow(/options\.expiresMs/);
    const id = await t().driver.addJob(q, {
      task: 'demo.echo',
      args: { msg: 'hi', n: [1, 2] },
      options: {
        attempts: 3,
        backoff: { type: 'fixed', delayMs: 50 },
        ...(expiry ? { expiresMs: 60_000 } : {}),
      },
    });
    const job = await t().driver.getJob(q, id);
    expect(job).toMatchObject({
      id,
      queue: q,
      task: 'demo.echo',
      state: 'waiting',
      args: { msg: 'hi', n: [1, 2] },
    });
    expect(job.maxAttempts).toBe(3);
    expect(job.attemptsMade).toBe(0);
    expect(job.timestamps.created).toBeGreaterThanOrEqual(before);
    if (expiry) expect(job.expiresAt).toBeGreaterThanOrEqual(before + 60_000);
    else expect(job.expiresAt).toBeUndefined();
    expect(job.taskOptions).toEqual({
      attempts: 3,
      backoff: { type: 'fixed', delayMs: 50 },
      ...(expiry ? { expiresMs: 60_000 } : {}),
    });
    expect(job.children).toEqual([]);
    expect(job.parent).toBeUndefined();
  });

  it('puts a delayed job in delayed with its due time, a prioritized one in prioritized', async () => {
    const q = freshQueue();
    const states = t().driver.capabilities.states;
    if (!states.includes('prioritized') && t().driver.capabilities.actions.promote) {
      // Legacy Bull holds delayed jobs apart but keeps prioritized ones among the waiting.
      expect(() => requireState(t().driver, 'prioritized')).toThrow(/does not support/);
      const id = await t().driver.addJob(q, { task: 't', args: null, options: { delayMs: 60_000 } });
      await t().driver.addJob(q, { task: 't', args: null, options: { priority: 5 } });
      expect(await t().driver.getJob(q, id)).toMatchObject({ state: 'delayed' });
      expect((await t().driver.getQueue(q)).counts).toMatchObject({
        waiting: 1,
        delayed: 1,
        prioritized: null,
      });
      return;
    }
    if (!states.includes('prioritized')) {
      // Celery keeps countdown and priority tasks in its lists until a worker takes them: they count as waiting.
      expect(() => requireState(t().driver, 'prioritized')).toThrow(/UNSUPPORTED|does not support/);
      const id = await t().driver.addJob(q, { task: 't', args: null, options: { delayMs: 60_000 } });
      await t().driver.addJob(q, { task: 't', args: null, options: { priority: 5 } });
      expect((await t().driver.getJob(q, id)).timestamps.due).toBeGreaterThanOrEqual(Date.now() + 55_000);
      expect((await t().driver.getQueue(q)).counts).toMatchObject({ waiting: 2, prioritized: null });
      return;
    }
    const delayed = await t().driver.addJob(q, { task: 't', args: null, options: { delayMs: 60_000 } });
    const eta = new Date(Date.now() + 120_000).toISOString();
    await t().driver.addJob(q, { task: 't', args: null, options: { eta } });
    await t().driver.addJob(q, { task: 't', args: null, options: { priority: 5 } });
    const job = await t().driver.getJob(q, delayed);
    expect(job.state).toBe('delayed');
    expect(job.timestamps.due).toBeGreaterThanOrEqual((job.timestamps.created as number) + 60_000);
    const { counts } = await t().driver.getQueue(q);
    expect(counts).toMatchObject({ delayed: 2, prioritized: 1, waiting: 0 });
  });

  it('keeps one job for a repeated job id', async () => {
    const q = freshQueue();
    const a = await t().driver.addJob(q, { task: 't', args: [1], options: { jobId: 'order-1' } });
    const b = await t().driver.addJob(q, { task: 't', args: [2], options: { jobId: 'order-1' } });
    expect(a).toBe('order-1');
    expect(b).toBe('order-1');
    // Without de-duplication (Celery) the id is the task id of both messages.
    const dedupe = t().driver.capabilities.options.dedupe;
    expect((await t().driver.getQueue(q)).counts.waiting).toBe(dedupe ? 1 : 2);
    expect((await t().driver.getJob(q, 'order-1')).args).toEqual(dedupe ? [1] : [2]);
  });

  it('adds copies in batches, reporting progress after each', async () => {
    const q = freshQueue();
    const progress: number[] = [];
    const onProgress = (n: number): number => progress.push(n);
    const ids = await t().driver.addCopies(
      q,
      { task: 'copy', args: [{ x: 1 }] },
      { count: 2500, batchSize: 1000, onProgress },
    );
    expect(progress).toEqual([1000, 2000, 2500]);
    expect((await t().driver.getQueue(q)).counts.waiting).toBe(2500);
    expect((await t().driver.getJob(q, ids.lastId)).args).toEqual([{ x: 1 }]);
    const spec = { task: 'copy', args: [0], options: { jobId: 'c' } };
    const named = await t().driver.addCopies(q, spec, { count: 3, batchSize: 2, onProgress: () => {} });
    expect(named).toEqual({ firstId: 'c-1', lastId: 'c-3' });
  });

  it('answers NOT_FOUND for a job that does not exist', async () => {
    const q = freshQueue();
    await t().driver.addJob(q, { task: 't', args: null });
    expect(await expectApiError(t().driver.getJob(q, 'nope'), 'NOT_FOUND')).toMatch(/nope/);
  });
}
