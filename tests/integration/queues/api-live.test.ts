import { Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../helpers/process-alive';
import { freshQueue } from './conformance-target';
import { useApiHost } from './api-host';

const h = useApiHost();

function worker(queue: string, concurrency = 1, fn: (data: unknown) => unknown = (d) => d): Worker {
  const w = new Worker(queue, async (job) => fn(job.data), {
    connection: { port: h().redis.port, maxRetriesPerRequest: null },
    concurrency,
  });
  w.on('error', () => undefined);
  return w;
}

describe('queues API: live events, copies, flows, connection changes', () => {
  it('batches job events: 500 jobs arrive in a few messages, every completion included', async () => {
    const q = freshQueue();
    await h().ok('jobs.add', { queue: q, task: 'seed' });
    await h().ok('queues.list', {}); // starts the feed
    await waitUntil(
      () =>
        h()
          .eventsOf('queues.counts')
          .some((c) => c.queues.some((s) => s.name === q)),
      5000,
    );
    const before = h().eventsOf('queues.events').length;
    const w = worker(q, 50);
    await h().ok('jobs.addCopies', { queue: q, task: 'noop', args: { n: 1 }, count: 500, batchSize: 100 });
    const completed = (): Set<string> =>
      new Set(
        h()
          .jobEvents(q)
          .filter((e) => e.kind === 'completed')
          .map((e) => e.id),
      );
    await waitUntil(() => completed().size === 501, 15_000);
    await w.close();
    const messages = h().eventsOf('queues.events').length - before;
    // ~1,500 state changes (waiting, active, completed per job) in a few hundred ms of batches.
    expect(messages).toBeLessThan(40);
    await waitUntil(
      () =>
        h()
          .eventsOf('queues.counts')
          .some((c) => c.queues.some((s) => s.name === q && s.counts.completed === 501)),
      5000,
    );
  });

  it('follows a queue created after the feed started from its very first event', async () => {
    await h().ok('queues.list', {});
    const q = freshQueue();
    const { id } = await h().ok('jobs.add', { queue: q, task: 'first' });
    await waitUntil(() => h().sawEvent(q, id, 'waiting'), 5000);
  });

  it('reports addCopies progress a few times, ending at the total', async () => {
    const q = freshQueue();
    const result = await h().ok('jobs.addCopies', {
      queue: q,
      task: 'copy',
      count: 20_000,
      batchSize: 500,
      opId: 'op-1',
    });
    expect(result.added).toBe(20_000);
    const progress = h()
      .eventsOf('jobs.addProgress')
      .filter((p) => p.opId === 'op-1');
    expect(progress.at(-1)).toEqual({ opId: 'op-1', queue: q, added: 20_000, total: 20_000 });
    expect(progress.length).toBeLessThan(40); // 40 batches, throttled
    const added = progress.map((p) => p.added);
    expect(added).toEqual([...added].sort((a, b) => a - b));
    const page = await h().ok('jobs.list', { queue: q, state: 'waiting', limit: 1 });
    expect(page.total).toBe(20_000);
    expect(page.jobs[0]?.id).toBe(result.lastId);
  });

  it('adds a chain through the API; each step receives the previous result', async () => {
    const q = freshQueue();
    const w = new Worker(
      q,
      async (job) => {
        const [prev] = Object.values(await job.getChildrenValues()) as number[];
        return (prev ?? 0) + Number(job.data);
      },
      { connection: { port: h().redis.port, maxRetriesPerRequest: null } },
    );
    const flow = await h().ok('flows.add', {
      queue: q,
      kind: 'chain',
      steps: [
        { task: 'add', args: 1 },
        { task: 'add', argsJson: '10' },
        { task: 'add', args: 100 },
      ],
    });
    await waitUntil(
      async () => (await h().ok('jobs.get', { queue: q, id: flow.rootId as string })).state === 'completed',
    );
    await w.close();
    const root = await h().ok('jobs.get', { queue: q, id: flow.rootId as string });
    expect(root.returnValue).toBe(111);
    expect(root.children[0]).toMatchObject({ queue: q, returnValue: 11 });
  });

  it('answers NOT_CONNECTED without Redis and works again after reconnecting', async () => {
    const q = freshQueue();
    await h().ok('jobs.add', { queue: q, task: 't' });
    await h().ok('connection.disconnect', {});
    expect((await h().err('queues.list', {})).code).toBe('NOT_CONNECTED');
    expect((await h().err('jobs.add', { queue: q, task: 't' })).code).toBe('NOT_CONNECTED');
    await h().ok('connection.connect', { mode: 'url', url: h().redis.url });
    await h().ok('jobs.add', { queue: q, task: 't' });
    const list = await h().ok('queues.list', {});
    expect(list.find((s) => s.name === q)?.counts.waiting).toBe(2);
  });
});
