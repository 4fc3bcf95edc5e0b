import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowProducer, Queue, Worker } from 'bullmq';
import type { Cluster } from 'ioredis';
import type { CoreHost } from '../../../src/core/host';
import type { JobDetail, JobPage, QueueSummary } from '../../../src/shared/contract';
import type { QueueMetrics } from '../../../src/shared/contract/metrics';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { waitUntil } from '../../helpers/process-alive';
import { data, randomQueue } from '../worker/helpers';
import { appCluster, clusterHost, ownerOf } from './cluster-helpers';
import { EventFeed } from '../../../src/core/queues/drivers/bullmq/event-feed';
import { commandConnection } from '../../../src/core/queues/drivers/bullmq/connection';

let cluster: TestCluster;
let host: CoreHost;
let app: Cluster;
/** A second hash tag whose slot another primary holds than `{bull}`'s. */
let otherPrefix: string;
const opened: Array<{ close(): Promise<unknown> }> = [];

beforeAll(async () => {
  cluster = await startTestCluster(3, 0);
  host = await clusterHost(cluster);
  app = appCluster(cluster);
  const bullNode = await ownerOf(cluster, 'bull');
  for (let i = 0; !otherPrefix; i++)
    if ((await ownerOf(cluster, `app${i}`)) !== bullNode) otherPrefix = `{app${i}}`;
}, 60_000);

afterAll(async () => {
  await Promise.all(opened.map((o) => o.close()));
  app?.disconnect();
  await host?.close();
  await cluster?.stop();
});

function appQueue(name: string, prefix = '{bull}'): Queue {
  const q = new Queue(name, { connection: app, prefix });
  opened.push(q);
  return q;
}

const list = (prefix: string) => data<QueueSummary[]>(host, 'queues.list', { prefix, refresh: true });

describe('BullMQ queues on a Redis Cluster', () => {
  it('refuses a prefix without a hash tag, saying to use "{bull}", and keeps working', async () => {
    const name = randomQueue();
    for (const [method, params] of [
      ['queues.list', { prefix: 'bull' }],
      ['jobs.add', { queue: name, prefix: 'bull', task: 'demo.echo', args: {} }],
      ['metrics.queue', { queue: name, prefix: 'bull', minutes: 5 }],
      ['workers.start', { queues: [name] }], // the project's prefix is "bull"
      ['beat.start', {}],
    ] as const) {
      const r = await host.call(method, params);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
      if (!r.ok) expect(r.error.message).toMatch(/hash tag.*"\{bull\}"/);
    }
    expect(await list('{bull}')).toEqual(expect.any(Array));
  });

  it('finds queues under hash-tagged prefixes on every primary, with their counts', async () => {
    const a = appQueue(randomQueue());
    const b = appQueue(randomQueue(), otherPrefix);
    await a.addBulk([1, 2, 3].map((n) => ({ name: 'demo.echo', data: { n } })));
    await b.add('demo.echo', {}, { delay: 60_000 });
    const [rowsA, rowsB] = [await list('{bull}'), await list(otherPrefix)];
    expect(rowsA.find((q) => q.name === a.name)).toMatchObject({
      prefix: '{bull}',
      counts: { waiting: 3, delayed: 0 },
      paused: false,
    });
    expect(rowsB.find((q) => q.name === b.name)).toMatchObject({ counts: { waiting: 0, delayed: 1 } });
  });

  it('lists a flow enqueued by the app by state, with the parent and its children', async () => {
    const parent = randomQueue();
    const child = randomQueue();
    const flows = new FlowProducer({ connection: app, prefix: '{bull}' });
    opened.push(flows);
    const tree = await flows.add({
      name: 'demo.echo',
      queueName: parent,
      data: { role: 'parent' },
      children: [1, 2].map((n) => ({ name: 'demo.echo', queueName: child, data: { n } })),
    });
    const rows = await list('{bull}');
    expect(rows.find((q) => q.name === parent)?.counts.waitingChildren).toBe(1);
    expect(rows.find((q) => q.name === child)?.counts.waiting).toBe(2);
    const page = await data<JobPage>(host, 'jobs.list', {
      queue: parent,
      prefix: '{bull}',
      state: 'waiting-children',
    });
    expect(page.jobs.map((j) => j.id)).toEqual([tree.job.id]);
    const detail = await data<JobDetail>(host, 'jobs.get', {
      queue: parent,
      prefix: '{bull}',
      id: tree.job.id,
    });
    expect(detail).toMatchObject({ state: 'waiting-children', args: { role: 'parent' } });
    expect(detail.children.map((c) => c.id).sort()).toEqual(tree.children!.map((c) => c.job.id).sort());
  });

  it('runs every job action on a cluster queue', async () => {
    const q = appQueue(randomQueue());
    const ref = { queue: q.name, prefix: '{bull}' };
    const act = <T>(method: string, params: object = {}) => data<T>(host, method, { ...ref, ...params });
    const counts = async () => (await list('{bull}')).find((r) => r.name === q.name)!.counts;

    const { id: delayed } = await act<{ id: string }>('jobs.add', {
      task: 'demo.echo',
      args: { v: 1 },
      options: { delayMs: 60_000 },
    });
    await act('jobs.update', { id: delayed, data: { v: 2 } });
    expect(await act<{ logCount: number }>('jobs.addLog', { id: delayed, line: 'hello' })).toEqual({
      logCount: 1,
    });
    expect(await act('jobs.promote', { id: delayed })).toMatchObject({ state: 'waiting' });
    expect(await act<JobDetail>('jobs.get', { id: delayed })).toMatchObject({
      args: { v: 2 },
      logs: ['hello'],
    });

    await act('queues.pause');
    expect(await counts()).toMatchObject({ waiting: 0, paused: 1 });
    await act('queues.resume');
    await act('jobs.add', { task: 'demo.echo', args: {}, options: { delayMs: 60_000 } });
    expect(await act<{ promoted: number }>('jobs.promoteAll')).toEqual({ promoted: 1 });
    expect(await act('jobs.remove', { id: delayed })).toEqual({ removed: true });
    await act('queues.drain', { delayed: true });
    expect(await counts()).toMatchObject({ waiting: 0, delayed: 0 });

    // The app's own worker on its Cluster client finishes some jobs and fails others.
    for (const n of [1, 2, 3, 4]) await act('jobs.add', { task: n % 2 ? 'ok' : 'bad', args: { n } });
    const worker = new Worker(
      q.name,
      async (job) => {
        if (job.name === 'bad') throw new Error('no');
        return job.data;
      },
      { connection: app, prefix: '{bull}' },
    );
    opened.push(worker);
    await waitUntil(async () => {
      const c = await counts();
      return c.completed === 2 && c.failed === 2;
    }, 15_000);
    await worker.close();
    const failed = await act<JobPage>('jobs.list', { state: 'failed' });
    expect(await act('jobs.retry', { id: failed.jobs[0]!.id })).toMatchObject({ state: 'waiting' });
    expect(await act('jobs.retryAll', { state: 'failed' })).toEqual({ retried: 1 });
    expect(await counts()).toMatchObject({ waiting: 2, failed: 0 });
    expect(await act('queues.clean', { state: 'completed' })).toEqual({ removed: 2 });
    expect(
      await act('jobs.bulk', { action: 'remove', match: { state: 'waiting' }, confirm: 2 }),
    ).toMatchObject({
      matched: 2,
      done: 2,
    });
    expect(await counts()).toMatchObject({ waiting: 0, completed: 0, failed: 0 });
  });

  it('reads a cluster queue’s metrics', async () => {
    const q = appQueue(randomQueue());
    await q.add('demo.echo', {});
    const m = await data<QueueMetrics>(host, 'metrics.queue', {
      queue: q.name,
      prefix: '{bull}',
      minutes: 5,
    });
    expect(m).toMatchObject({ queue: q.name, resolution: '1m' });
    expect(m.buckets).toHaveLength(5);
  });

  it('wakes the feed’s blocked XREAD on the streams’ primary when a queue joins', async () => {
    const [seedHost, seedPort] = cluster.nodes[0]!.split(':');
    const shared = { clusterNodes: [{ host: seedHost!, port: Number(seedPort) }] };
    const redis = commandConnection(shared);
    // A read that blocks for a minute: without the wake-up the join would wait it out, far past the bound below.
    const feed = new EventFeed(shared, redis, '{bull}', 60_000);
    opened.push({ close: async () => (await feed.close(), redis.disconnect()) });
    const [a, b] = [appQueue(randomQueue()), appQueue(randomQueue())];
    await Promise.all([a.add('x', {}), b.add('x', {})]);
    const seen: string[] = [];
    await feed.add(a.name, (e) => seen.push(`${e.queue}:${e.id}`), 'now');
    // The reader is blocked in XREAD on the primary of {bull}'s slot: a join must not wait out its block.
    const owner = cluster.node(Number((await ownerOf(cluster, 'bull')).split(':')[1]));
    await waitUntil(
      async () => /name=queuedesk:events .*cmd=xread/.test(String(await owner.client('LIST'))),
      10_000,
    );
    await feed.add(b.name, (e) => seen.push(`${e.queue}:${e.id}`), 'now');
    const started = Date.now();
    const job = await b.add('y', {});
    await waitUntil(() => seen.includes(`${b.name}:${job.id}`), 20_000, 10);
    // Delivered in well under a second on a quiet machine; the bound only leaves room for a busy one.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
