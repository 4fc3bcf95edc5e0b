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
    expect(byName.get(a)).toMatchObject({ paused: false, counts: { waiting: 1, delayed: 0 } });
    expect(byName.get(b)?.counts).toEqual({
      waiting: 0,
      active: 0,
      delayed: 1,
      prioritized: 0,
      waitingChildren: 0,
      completed: 0,
      failed: 0,
      paused: 0,
    });
    expect(byName.get(a)?.workers).toBe(0);
  });

  it('answers NOT_FOUND for a queue that does not exist, on every queue method', async () => {
    const q = freshQueue();
    const d = t().driver;
    const query = { state: 'waiting', offset: 0, limit: 10, order: 'newest' } as const;
    for (const call of [
      d.getQueue(q),
      d.listJobs(q, query),
      d.getJob(q, '1'),
      d.pause(q),
      d.resume(q),
      d.drain(q, false),
      d.clean(q, 'completed', 0, 10),
      d.obliterate(q, false),
      d.retryAll(q, 'failed'),
      d.promoteAll(q),
      d.listWorkers(q),
    ]) {
      expect(await expectApiError(call, 'NOT_FOUND')).toContain(q);
    }
    expect((await d.listQueues()).map((s) => s.name)).not.toContain(q);
  });

  it('lists jobs newest first with offset and limit, or oldest first', async () => {
    const q = freshQueue();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await t().driver.addJob(q, { task: `t${i}`, args: { i } }));
    const page = await t().driver.listJobs(q, { state: 'waiting', offset: 2, limit: 3, order: 'newest' });
    expect(page.total).toBe(7);
    expect(page.jobs.map((j) => j.id)).toEqual([ids[4], ids[3], ids[2]]);
    expect(page.jobs[0]).toMatchObject({ task: 't4', state: 'waiting', argsPreview: '{"i":4}' });
    const oldest = await t().driver.listJobs(q, { state: 'waiting', offset: 0, limit: 2, order: 'oldest' });
    expect(oldest.jobs.map((j) => j.id)).toEqual([ids[0], ids[1]]);
  });

  it('searches the id, the task name and the args, case-insensitively', async () => {
    const q = freshQueue();
    await t().driver.addJob(q, { task: 'mail.send', args: { to: 'Ann@example.com' } });
    await t().driver.addJob(q, { task: 'mail.send', args: { to: 'bob@example.com' } });
    await t().driver.addJob(q, { task: 'report.build', args: { month: 3 } });
    await t().driver.addJob(q, { task: 'x', args: null, options: { jobId: 'invoice-77' } });
    const search = (s: string, offset = 0) =>
      t().driver.listJobs(q, { state: 'waiting', offset, limit: 10, order: 'newest', search: s });
    expect((await search('ann@')).jobs.map((j) => j.argsPreview)).toEqual(['{"to":"Ann@example.com"}']);
    expect((await search('MAIL.')).total).toBe(2);
    expect((await search('mail.', 1)).jobs).toHaveLength(1);
    expect((await search('report')).jobs[0]?.task).toBe('report.build');
    expect((await search('voice-7')).jobs[0]?.id).toBe('invoice-77');
    expect((await search('nothing-like-this')).total).toBe(0);
  });
}
