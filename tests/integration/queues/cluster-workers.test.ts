import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowProducer, Queue } from 'bullmq';
import type { Cluster } from 'ioredis';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreHost } from '../../../src/core/host';
import type {
  JobEvent,
  ProcessInfo,
  QueueSummary,
  Schedule,
  WorkerSummary,
} from '../../../src/shared/contract';
import type { BeatLeadership, WorkersEverywhere } from '../../../src/shared/contract/presence';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { ticks } from '../beat/helpers';
import { data, finished, randomQueue } from '../worker/helpers';
import { appCluster, clusterHost } from './cluster-helpers';
import { requestCancel } from '../../../src/core/worker/cancel-channel';

const PREFIX = '{bull}';
let cluster: TestCluster;
let host: CoreHost;
let app: Cluster;
let worker: ProcessInfo;
const events: JobEvent[] = [];
const [parent, child, work] = [randomQueue(), randomQueue(), randomQueue()];
const queues = new Map<string, Queue>();

beforeAll(async () => {
  cluster = await startTestCluster(3, 0);
  host = await clusterHost(cluster);
  host.onEvent((event, payload) => {
    if (event === 'queues.events') events.push(...(payload as { events: JobEvent[] }).events);
  });
  app = appCluster(cluster);
  for (const name of [parent, child, work])
    queues.set(name, new Queue(name, { connection: app, prefix: PREFIX }));
  // The app's queues exist before QueueDesk lists them, so its feed follows them from the start.
  await queues.get(work)!.add('demo.echo', { warm: true });
  const dir = mkdtempSync(join(tmpdir(), 'qd-cluster-project-'));
  writeFileSync(join(dir, 'queuedesk.config.json'), JSON.stringify({ prefix: PREFIX }));
  await data(host, 'project.open', { configPath: dir });
  worker = await data<ProcessInfo>(host, 'workers.start', { queues: [parent, child, work], concurrency: 4 });
}, 60_000);

afterAll(async () => {
  await Promise.all([...queues.values()].map((q) => q.close()));
  await host?.close();
  app?.disconnect();
  await cluster?.stop();
});

describe("QueueDesk's workers and beat on a Redis Cluster", () => {
  it('completes a BullMQ flow enqueued by the app, and the live feed shows it', async () => {
    await data<QueueSummary[]>(host, 'queues.list', { prefix: PREFIX, refresh: true });
    const flows = new FlowProducer({ connection: app, prefix: PREFIX });
    const tree = await flows.add({
      name: 'demo.echo',
      queueName: parent,
      data: { role: 'parent' },
      children: [1, 2].map((n) => ({ name: 'demo.echo', queueName: child, data: { n } })),
    });
    await flows.close();
    const done = await finished(queues.get(parent)!, tree.job.id!);
    expect(done.finishedOn).toBeDefined();
    expect(done.returnvalue).toEqual({ role: 'parent' });
    const children = await done.getChildrenValues();
    expect(Object.values(children).sort((a, b) => a.n - b.n)).toEqual([{ n: 1 }, { n: 2 }]);
    const completed = (queue: string, id: string) =>
      events.some((e) => e.queue === queue && e.id === id && e.kind === 'completed' && e.prefix === PREFIX);
    await waitUntil(
      () => completed(parent, tree.job.id!) && tree.children!.every((c) => completed(child, c.job.id!)),
      10_000,
      25,
      () => JSON.stringify(events),
    );
  });

  it('adds a chain through the API (its own FlowProducer on the cluster), run by its worker', async () => {
    const flow = await data<{ rootId: string }>(host, 'flows.add', {
      queue: work,
      prefix: PREFIX,
      kind: 'chain',
      steps: [1, 2, 3].map((n) => ({ task: 'demo.echo', args: { n } })),
    });
    const root = await finished(queues.get(work)!, flow.rootId);
    expect(root.returnvalue).toEqual({ n: 3 });
    expect(Object.values(await root.getChildrenValues())).toEqual([{ n: 2 }]);
  });

  it('shows its worker with what it announces, from every primary', async () => {
    const all = await data<WorkersEverywhere>(host, 'workers.everywhere', { prefix: PREFIX });
    const mine = all.workers.filter((w) => w.name === `queuedesk-${worker.id}`);
    expect(mine.map((w) => w.queue).sort()).toEqual([parent, child, work].sort());
    expect(mine[0]?.presence).toMatchObject({ host: hostname(), prefix: PREFIX, concurrency: 4 });
    const rows = await data<QueueSummary[]>(host, 'queues.list', { prefix: PREFIX });
    expect(rows.find((q) => q.name === work)?.workers).toBe(1);
    const onQueue = await data<WorkerSummary[]>(host, 'queues.workers', { queue: work, prefix: PREFIX });
    expect(onQueue).toMatchObject([{ name: `queuedesk-${worker.id}`, queuedesk: true, concurrency: 4 }]);
  });

  it('counts the workers listening for cancels on every node, wherever PUBLISH lands', async () => {
    // Each PUBLISH goes to a node picked at random; the worker listens on one of the three.
    for (let i = 0; i < 10; i++) {
      const request = { db: 99, prefix: PREFIX, queue: work, id: 'none', reason: 'counting' }; // ignored: db 99
      expect(await requestCancel(app, request)).toBe(1);
    }
  });

  it('cancels a running job over the cancel channel', async () => {
    const q = queues.get(work)!;
    const job = await q.add('demo.sleep', { ms: 60_000 });
    await waitUntil(async () => (await q.getJobState(job.id!)) === 'active', 10_000);
    const r = await data<{ cancelled: boolean; state: string }>(host, 'jobs.cancel', {
      queue: work,
      prefix: PREFIX,
      id: job.id,
    });
    expect(r).toMatchObject({ cancelled: true, state: 'failed' });
  });

  it('runs beat on the cluster: its keys share one slot, and ticks go onto a {bull} queue', async () => {
    const beat = await data<ProcessInfo>(host, 'beat.start');
    expect(beat).toMatchObject({ kind: 'beat', state: 'running' });
    const s = await data<Schedule>(host, 'beat.add', {
      id: 'cluster-tick',
      task: 'demo.echo',
      queue: work,
      args: { from: 'beat' },
      trigger: { every: 500 },
    });
    const q = queues.get(work)!;
    await waitUntil(async () => (await ticks(q, s.id)).length >= 2, 10_000, 50);
    const [first] = await ticks(q, s.id);
    expect(first?.due).toBe(s.nextRunAt);
    // QueueDesk's worker runs the ticks too.
    expect((await finished(q, first!.job.id!)).returnvalue).toEqual({ from: 'beat' });
    expect(await app.hexists('queuedesk:{beat}:schedules', s.id)).toBe(1);
    expect(await app.exists('queuedesk:beat:schedules')).toBe(0);
    const listed = await data<Schedule[]>(host, 'beat.list');
    expect(listed.find((x) => x.id === s.id)?.runCount).toBeGreaterThanOrEqual(2);
    // The Processes panel names the leader on a cluster too (its lock is under {beat}).
    const leadership = await data<BeatLeadership>(host, 'beat.leader');
    expect(leadership.leader).toMatchObject({ pid: beat.pid });
  });
});
