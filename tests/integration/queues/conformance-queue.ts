import { expect, it } from 'vitest';
import { freshQueue, type Target } from './conformance-target';
import { expectApiError } from './expect-api-error';

/** Queue-level actions on jobs that are not running: pause, drain, promote, remove, obliterate. */
export function queueChecks(t: Target): void {
  it('pauses and resumes; a paused queue shows its waiting jobs as paused', async () => {
    const q = freshQueue();
    await t().driver.addJob(q, { task: 't', args: null });
    if (!t().driver.capabilities.actions.pause) {
      await expectApiError(t().driver.pause(q), 'UNSUPPORTED');
      return;
    }
    await t().driver.pause(q);
    const paused = await t().driver.getQueue(q);
    expect(paused).toMatchObject({ paused: true, counts: { waiting: 0, paused: 1 } });
    const list = await t().driver.listJobs(q, { state: 'paused', offset: 0, limit: 10, order: 'newest' });
    expect(list.total).toBe(1);
    await t().driver.resume(q);
    expect(await t().driver.getQueue(q)).toMatchObject({ paused: false, counts: { waiting: 1, paused: 0 } });
  });

  it('promotes one delayed job, then all, and refuses to promote a waiting one', async () => {
    const q = freshQueue();
    if (!t().driver.capabilities.actions.promote) {
      const id = await t().driver.addJob(q, { task: 't', args: null, options: { delayMs: 60_000 } });
      await expectApiError(t().driver.promoteJob(q, id), 'UNSUPPORTED');
      await expectApiError(t().driver.promoteAll(q), 'UNSUPPORTED');
      return;
    }
    const one = await t().driver.addJob(q, { task: 't', args: null, options: { delayMs: 60_000 } });
    await t().driver.addJob(q, { task: 't', args: null, options: { delayMs: 60_000 } });
    await t().driver.addJob(q, { task: 't', args: null, options: { delayMs: 60_000 } });
    expect(await t().driver.promoteJob(q, one)).toBe('waiting');
    expect(await expectApiError(t().driver.promoteJob(q, one), 'CONFLICT')).toMatch(/only delayed/);
    expect(await t().driver.promoteAll(q)).toBe(2);
    expect((await t().driver.getQueue(q)).counts).toMatchObject({ waiting: 3, delayed: 0 });
  });

  it('drains waiting jobs, and delayed ones only when asked', async () => {
    const q = freshQueue();
    await t().driver.addJob(q, { task: 't', args: null });
    await t().driver.addJob(q, { task: 't', args: null, options: { delayMs: 60_000 } });
    await t().driver.drain(q, false);
    // Where delayed jobs are held apart (BullMQ) they stay; Celery's countdown tasks wait in the list and go.
    const apart = t().driver.capabilities.actions.promote;
    expect((await t().driver.getQueue(q)).counts).toMatchObject({ waiting: 0, delayed: apart ? 1 : 0 });
    await t().driver.drain(q, true);
    expect((await t().driver.getQueue(q)).counts).toMatchObject({ waiting: 0, delayed: 0 });
  });

  it('removes a job, and cleans a state by age', async () => {
    const q = freshQueue();
    const id = await t().driver.addJob(q, { task: 't', args: null });
    await t().driver.addJob(q, { task: 't', args: null, options: { delayMs: 60_000 } });
    expect(await t().driver.removeJob(q, id)).toBe(true);
    await expectApiError(t().driver.getJob(q, id), 'NOT_FOUND');
    await expectApiError(t().driver.removeJob(q, id), 'NOT_FOUND');
    if (!t().driver.capabilities.actions.clean) {
      await expectApiError(t().driver.clean(q, 'delayed', 0, 100), 'UNSUPPORTED');
      return;
    }
    expect(await t().driver.clean(q, 'delayed', 60_000, 100)).toBe(0);
    // Not a synchronisation: the job must grow older than the 10 ms grace below (a busy machine only adds age).
    await new Promise((r) => setTimeout(r, 20));
    expect(await t().driver.clean(q, 'delayed', 10, 100)).toBe(1);
    expect((await t().driver.getQueue(q)).counts.delayed).toBe(0);
  });

  it('obliterates a queue, saying how many jobs it held, and forgets it', async () => {
    const q = freshQueue();
    await t().driver.addCopies(
      q,
      { task: 't', args: null },
      { count: 5, batchSize: 5, onProgress: () => {} },
    );
    expect(await t().driver.obliterate(q, false)).toBe(5);
    expect((await t().driver.listQueues()).map((s) => s.name)).not.toContain(q);
    await expectApiError(t().driver.getQueue(q), 'NOT_FOUND');
  });
}
