import { expect, it as vitestIt } from 'vitest';
import { waitUntil } from '../../helpers/process-alive';
import { freshQueue, type Target } from './conformance-target';
import { expectApiError } from './expect-api-error';

/** chain, group and chord: order of runs and results handed along; UNSUPPORTED where the engine has none (Bull). */
export function flowChecks(t: Target): void {
  const it = (name: string, check: () => Promise<void>): void =>
    vitestIt(name, async () => {
      if (t().driver.capabilities.actions.flows) return check();
      const steps = [{ task: 'a', args: null }];
      await expectApiError(t().driver.addFlow({ kind: 'chain', queue: freshQueue(), steps }), 'UNSUPPORTED');
    });
  it('runs a chain of 3 in order, each step getting the previous result', async () => {
    const q = freshQueue();
    const stop = await t().work(q, async (job) => {
      const [previous] = await job.childResults();
      return `${String(previous ?? '')}${String(job.args)}`;
    });
    const flow = await t().driver.addFlow({
      kind: 'chain',
      queue: q,
      steps: [
        { task: 'a', args: 'A' },
        { task: 'b', args: 'B' },
        { task: 'c', args: 'C' },
      ],
    });
    expect(flow.jobs.map((j) => j.task)).toEqual(['a', 'b', 'c']);
    expect(flow.rootId).toBe(flow.jobs[2]?.id);
    await waitUntil(async () => (await t().driver.getJob(q, flow.rootId as string)).state === 'completed');
    await stop();
    const root = await t().driver.getJob(q, flow.rootId as string);
    expect(root.returnValue).toBe('ABC');
    expect(root.children).toEqual([
      expect.objectContaining({ id: flow.jobs[1]?.id, state: 'completed', returnValue: 'AB' }),
    ]);
    const first = await t().driver.getJob(q, flow.jobs[0]?.id as string);
    expect(first.parent).toEqual({ queue: q, id: flow.jobs[1]?.id });
  });

  it("runs a chord's callback once with every group result", async () => {
    const q = freshQueue();
    const stop = await t().work(
      q,
      async (job) =>
        job.task === 'sum'
          ? (await job.childResults()).reduce((a: number, b) => a + Number(b), 0)
          : Number(job.args) * 10,
      4,
    );
    const flow = await t().driver.addFlow({
      kind: 'chord',
      queue: q,
      steps: [1, 2, 3].map((n) => ({ task: 'times10', args: n })),
      callback: { task: 'sum', args: null },
    });
    await waitUntil(async () => (await t().driver.getJob(q, flow.rootId as string)).state === 'completed');
    await stop();
    const root = await t().driver.getJob(q, flow.rootId as string);
    expect(root.returnValue).toBe(60);
    expect(root.children.map((c) => c.returnValue).sort()).toEqual([10, 20, 30]);
  });

  it('adds a group as independent jobs, possibly on other queues', async () => {
    const q = freshQueue();
    const other = freshQueue();
    const flow = await t().driver.addFlow({
      kind: 'group',
      queue: q,
      steps: [
        { task: 'a', args: 1 },
        { task: 'b', args: 2, queue: other },
      ],
    });
    expect(flow.rootId).toBeUndefined();
    expect(flow.jobs.map((j) => j.queue)).toEqual([q, other]);
    expect((await t().driver.getJob(other, flow.jobs[1]?.id as string)).state).toBe('waiting');
    expect((await t().driver.getQueue(q)).counts.waiting).toBe(1);
  });

  it('fails a chain whose step fails for good, instead of leaving it waiting', async () => {
    const q = freshQueue();
    const stop = await t().work(q, (job) => {
      if (job.task === 'a') throw new Error('step a broke');
      return 'never';
    });
    const flow = await t().driver.addFlow({
      kind: 'chain',
      queue: q,
      steps: [
        { task: 'a', args: null },
        { task: 'b', args: null },
      ],
    });
    await waitUntil(async () => (await t().driver.getJob(q, flow.rootId as string)).state === 'failed');
    await stop();
  });
}
