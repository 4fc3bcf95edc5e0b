import { expect, it } from 'vitest';
import { freshQueue, type Target } from './conformance-target';
import { expectApiError } from './expect-api-error';

/** Discovery and job lists: order, paging, search. */
export function listChecks(t: Target): void {
  it('discovers every queue under the prefix with counts', async () => {
    const a = freshQueue();
    const b = freshQueue();
    await t().driver.addJob(a, { task: 't', args: null });
    await t().driver.addJob(b, { task: 't', args: null, options: { delayMs: 60_000 } });
    const list = await t().driver.listQueues();
    const byName = new Map(list.map((s) => [s.name, s]));
    expect(byName.get(a)).toMatchObject({
      engine: t().driver.kind,
      paused: false,
      counts: { waiting: 1, delayed: 0 },
    });
    if (!t().driver.capabilities.exactCounts) {
      // Celery: a countdown task waits in the list; finished tasks are not recorded per queue; workers are
      // unknown until remote control answered, then counted (none consume a fresh queue).
      expect(byName.get(b)?.counts).toMatchObject({ waiting: 1, delayed: 0, completed: null, failed: null });
      expect([null, 0]).toContain(byName.get(a)?.workers);
      return;
    }
    // A state the engine does not have (Bull: prioritized, waiting-children) is counted as unknown.
    const has = (state: string): number | null =>
      (t().driver.capabilities.states as string[]).includes(state) ? 0 : null;
    expect(byName.get(b)?.counts).toEqual({
      waiting: 0,
      active: 0,
      delayed: 1,
      prioritized: has('prioritized'),
      waitingChildren: has('waiting-children'),
      completed: 0,
      failed: 0,
      paused: 0,
    });
    expect(byName.get(a)?.workers).toBe(0);
  });

  it('answers NOT_FOUND for a queue that does not exist, on every queue method', async () => {
    const q = freshQueue();
    const d = t().driver;
    const can = d.capabilities.actions;
    const query = { state: 'waiting', offset: 0, limit: 10, order: 'newest' } as const;
    const calls: Array<[boolean, () => Promise<unknown>]> = [
      [true, () => d.getQueue(q)],
      [true, () => d.listJobs(q, query)],
      [true, () => d.getJob(q, '1')],
      [can.pause, () => d.pause(q)],
      [can.pause, () => d.resume(q)],
      [can.drain, () => d.drain(q, false)],
      [can.clean, () => d.clean(q, 'completed', 0, 10)],
      [can.obliterate, () => d.obliterate(q, false)],
      [can.clean, () => d.retryAll(q, 'failed')],
      [can.promote, () => d.promoteAll(q)],
      [can.workers, () => d.listWorkers(q)],
    ];
    for (const [supported, call] of calls) {
      // What the engine lacks answers UNSUPPORTED whether the queue exists or not.
      if (supported) expect(await expectApiError(call(), 'NOT_FOUND')).toContain(q);
      else await expectApiError(call(), 'UNSUPPORTED');
    }
    expect((await d.listQueues()).map((s) => s.name)).not.toContain(q);
  });

  it('lists jobs newest first with offset and limit, or oldest first', async () => {
    const q = freshQueue();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await t().driver.addJob(q, { task: `t${i}`, args: [i] }));
    const page = await t().driver.listJobs(q, { state: 'waiting', offset: 2, limit: 3, order: 'newest' });
    expect(page.total).toBe(7);
    expect(page.jobs.map((j) => j.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(page.jobs[0]).toMatchObject({ task: 't4', state: 'waiting', argsPreview: '[4]' });
    const oldest = await t().driver.listJobs(q, { state: 'waiting', offset: 0, limit: 2, order: 'oldest' });
    expect(oldest.jobs.map((j) => j.id)).toEqual([ids[0], ids[1]]);
  });

  it('searches the id, the task name and the args, case-insensitively', async () => {
    const q = freshQueue();
    await t().driver.addJob(q, { task: 'mail.send', args: ['Ann@example.com'] });
    await t().driver.addJob(q, { task: 'mail.send', args: ['bob@example.com'] });
    await t().driver.addJob(q, { task: 'report.build', args: [3] });
    await t().driver.addJob(q, { task: 'x', args: null, options: { jobId: 'invoice-77' } });
    const search = (s: string, offset = 0) =>
      t().driver.listJobs(q, { state: 'waiting', offset, limit: 10, order: 'newest', search: s });
    expect((await search('ann@')).jobs.map((j) => j.argsPreview)).toEqual(['["Ann@example.com"]']);
    expect((await search('MAIL.')).total).toBe(2);
    expect((await search('mail.', 1)).jobs).toHaveLength(1);
    expect((await search('report')).jobs[0]?.task).toBe('report.build');
    expect((await search('voice-7')).jobs[0]?.id).toBe('invoice-77');
    expect((await search('nothing-like-this')).total).toBe(0);
  });
}
