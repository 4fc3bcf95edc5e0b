import { expect, it } from 'vitest';
import type { JobEvent } from '../../../src/shared/contract/queues';
import { waitUntil } from '../../helpers/process-alive';
import { freshQueue, type Target } from './conformance-target';
import { expectApiError } from './expect-api-error';

/** Jobs run by a worker: results, failures, logs, progress, retries and back-off, events. */
export function processingChecks(t: Target): void {
  it('records the result, logs and progress of a completed job, and its failure and stack', async () => {
    const q = freshQueue();
    const stop = await t().work(q, async (job) => {
      await job.log(`start ${job.task}`);
      await job.progress(50);
      if (job.task === 'bad') throw new Error('boom on purpose');
      return { echoed: job.args };
    });
    const ok = await t().driver.addJob(q, { task: 'good', args: [1, 'a'] });
    const bad = await t().driver.addJob(q, { task: 'bad', args: null });
    await waitUntil(
      async () =>
        ((await t().driver.getQueue(q)).counts.completed ?? 0) +
          ((await t().driver.getQueue(q)).counts.failed ?? 0) ===
        2,
    );
    await stop();
    const done = await t().driver.getJob(q, ok);
    expect(done).toMatchObject({
      state: 'completed',
      returnValue: { echoed: [1, 'a'] },
      progress: 50,
      attemptsMade: 1,
    });
    expect(done.logs).toEqual(['start good']);
    expect(done.timestamps.finished).toBeGreaterThanOrEqual(done.timestamps.processed ?? Infinity);
    const failed = await t().driver.getJob(q, bad);
    expect(failed).toMatchObject({ state: 'failed', failedReason: 'boom on purpose' });
    expect(failed.stacktrace.join('\n')).toContain('boom on purpose');
  });

  it('runs a LIFO job before the ones already waiting, and priority 1 before priority 9', async () => {
    const q = freshQueue();
    for (const task of ['a', 'b']) await t().driver.addJob(q, { task, args: null });
    await t().driver.addJob(q, { task: 'last-in', args: null, options: { lifo: true } });
    await t().driver.addJob(q, { task: 'p9', args: null, options: { priority: 9 } });
    await t().driver.addJob(q, { task: 'p1', args: null, options: { priority: 1 } });
    const order: string[] = [];
    const stop = await t().work(q, (job) => void order.push(job.task));
    await waitUntil(() => order.length === 5);
    await stop();
    // BullMQ: jobs without a priority come before prioritized ones; legacy Bull puts prioritized ones first.
    const prioritizedFirst = t().driver.kind === 'bull';
    expect(order).toEqual(
      prioritizedFirst ? ['p1', 'p9', 'last-in', 'a', 'b'] : ['last-in', 'a', 'b', 'p1', 'p9'],
    );
  });

  it('removes a job on completion, and keeps only the newest failed ones, when told to', async () => {
    const q = freshQueue();
    const stop = await t().work(q, (job) => (job.task === 'bad' ? Promise.reject(new Error('no')) : 'ok'));
    const gone = await t().driver.addJob(q, {
      task: 'good',
      args: null,
      options: { removeOnComplete: true },
    });
    const kept = await t().driver.addJob(q, { task: 'good', args: null });
    for (let i = 0; i < 3; i++) {
      await t().driver.addJob(q, { task: 'bad', args: i, options: { removeOnFail: 1 } });
    }
    await waitUntil(async () => {
      const { counts } = await t().driver.getQueue(q);
      return (counts.waiting ?? 0) + (counts.active ?? 0) === 0 && counts.completed === 1;
    });
    await stop();
    await expectApiError(t().driver.getJob(q, gone), 'NOT_FOUND');
    expect((await t().driver.getJob(q, kept)).state).toBe('completed');
    const failed = await t().driver.listJobs(q, { state: 'failed', offset: 0, limit: 10, order: 'newest' });
    expect(failed.jobs.map((j) => j.argsPreview)).toEqual(['2']);
  });

  it('retries with exponential back-off until it succeeds within its attempts', async () => {
    const q = freshQueue();
    const runs: number[] = [];
    const stop = await t().work(q, (job) => {
      runs.push(Date.now());
      if (job.attempt <= 3) throw new Error(`fail ${job.attempt}`);
      return 'ok';
    });
    const backoff = { type: 'exponential', delayMs: 100 } as const;
    const id = await t().driver.addJob(q, { task: 'flaky', args: null, options: { attempts: 4, backoff } });
    await waitUntil(async () => (await t().driver.getJob(q, id)).state === 'completed', 15_000);
    await stop();
    expect(runs).toHaveLength(4);
    const gaps = runs.slice(1).map((at, i) => at - (runs[i] as number));
    // 100, 200, 400 ms: each wait at least its back-off, and growing.
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
    expect(gaps[2]).toBeGreaterThanOrEqual(395);
    expect((await t().driver.getJob(q, id)).attemptsMade).toBe(4);
  });

  it('ends failed with the reason when attempts run out, and retries on demand', async () => {
    const q = freshQueue();
    let failing = true;
    const stop = await t().work(q, (job) => {
      if (failing) throw new Error(`fail ${job.attempt}`);
      return 'recovered';
    });
    const opts = { attempts: 2, backoff: { type: 'fixed', delayMs: 20 } } as const;
    const id = await t().driver.addJob(q, { task: 'flaky', args: null, options: opts });
    const other = await t().driver.addJob(q, { task: 'flaky', args: null });
    await waitUntil(async () => (await t().driver.getQueue(q)).counts.failed === 2);
    const failed = await t().driver.getJob(q, id);
    expect(failed).toMatchObject({ state: 'failed', failedReason: 'fail 2', attemptsMade: 2 });
    const later = await t().driver.addJob(q, { task: 'flaky', args: null, options: { delayMs: 60_000 } });
    expect(await expectApiError(t().driver.retryJob(q, later), 'CONFLICT')).toMatch(/is delayed/);
    failing = false;
    // The worker may pick it up at once.
    expect(['waiting', 'active', 'completed']).toContain((await t().driver.retryJob(q, id)).state);
    await waitUntil(async () => (await t().driver.getJob(q, id)).state === 'completed');
    expect(await t().driver.retryAll(q, 'failed')).toBe(1);
    await waitUntil(async () => (await t().driver.getJob(q, other)).state === 'completed');
    await stop();
    expect((await t().driver.getJob(q, other)).returnValue).toBe('recovered');
  });

  it("never shows a final state with an earlier attempt's data, however fast a job is retried", async () => {
    const q = freshQueue();
    const stop = await t().work(q, (job) => Promise.reject(new Error(`fail ${job.attempt}`)), 4);
    const opts = { attempts: 4, backoff: { type: 'fixed', delayMs: 1 } } as const;
    const ids = await Promise.all(
      Array.from({ length: 8 }, () => t().driver.addJob(q, { task: 'flaky', args: null, options: opts })),
    );
    const inconsistent: string[] = [];
    await waitUntil(
      async () => {
        const jobs = await Promise.all(ids.map((id) => t().driver.getJob(q, id)));
        for (const j of jobs) {
          if (j.state === 'failed' && j.attemptsMade !== 4) inconsistent.push(`${j.id}: ${j.attemptsMade}`);
        }
        return jobs.every((j) => j.state === 'failed');
      },
      15_000,
      0,
    );
    await stop();
    expect(inconsistent).toEqual([]);
  });

  it('streams job state changes to a watcher, leaving big return values to getJob', async () => {
    const q = freshQueue();
    await t().driver.addJob(q, { task: 'seed', args: null });
    const seen: JobEvent[] = [];
    const unwatch = await t().driver.watch([q], (e) => seen.push(e));
    const results: Record<string, unknown> = { x: 7, big: 'z'.repeat(5000) };
    const stop = await t().work(q, (job) =>
      job.task === 'boom' ? Promise.reject(new Error('bad')) : results[job.task],
    );
    const id = await t().driver.addJob(q, { task: 'x', args: null });
    const boom = await t().driver.addJob(q, { task: 'boom', args: null });
    const big = await t().driver.addJob(q, { task: 'big', args: null });
    const completion = (jobId: string): JobEvent | undefined =>
      seen.find((e) => e.id === jobId && e.kind === 'completed');
    await waitUntil(() => seen.some((e) => e.id === boom && e.kind === 'failed'));
    await waitUntil(() => completion(id) !== undefined && completion(big) !== undefined);
    await stop();
    await unwatch();
    const kinds = seen.filter((e) => e.id === id).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['waiting', 'active', 'completed']));
    expect(seen.find((e) => e.id === boom && e.kind === 'failed')).toMatchObject({
      queue: q,
      failedReason: 'bad',
    });
    expect(completion(id)?.returnValue).toBe(7);
    expect(completion(big)).not.toHaveProperty('returnValue');
    expect((await t().driver.getJob(q, big)).returnValue).toBe(results.big);
  });
}
