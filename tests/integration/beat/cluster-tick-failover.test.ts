import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Cluster } from 'ioredis';
import type { AnyRedis } from '../../../src/core/connection/any-redis';
import type { SharedOptions } from '../../../src/core/connection/client-factory';
import { openBeatClient } from '../../../src/core/beat/connect';
import { clusterBeatKeys } from '../../../src/core/beat/keys';
import { BeatRunner } from '../../../src/core/beat/runner';
import { ScheduleStore } from '../../../src/core/beat/store';
import type { TickStage } from '../../../src/core/beat/tick';
import type { ScheduleDef } from '../../../src/core/beat/store';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { appCluster, ownerOf } from '../queues/cluster-helpers';
import { ticks } from './helpers';

// A 3+3 cluster where the BullMQ queue ({bull}) and the beat's records (queuedesk:{beat}:) are on different
// primaries: a tick's job and its record are two writes on two nodes, and a failover between them must lose
// no tick nor make one twice. The moment is set by the beat's tick hook, not by timing.
const PREFIX = '{bull}';
let cluster: TestCluster;
let app: Cluster;
let beatRedis: AnyRedis;
let runner: BeatRunner;
let store: ScheduleStore;
const lines: string[] = [];
let hook: ((stage: TickStage, def: ScheduleDef) => Promise<void>) | null = null;
const queues: Queue[] = [];

// Asked of a node not killed: right after a forced takeover the others may still list the dead one as a primary.
const portOf = async (key: string): Promise<number> =>
  Number((await ownerOf(cluster, key, await askPort())).split(':')[1]);
const killed = new Set<number>();
const askPort = async (): Promise<number> => cluster.servers.find((s) => !killed.has(s.port))!.port;
const pidOf = async (port: number): Promise<number> =>
  Number(/process_id:(\d+)/.exec(await cluster.node(port).info('server'))![1]);

/** SIGKILLs the primary on `port` and waits until its replica serves its slots (forced, so no waiting on votes). */
async function failOver(port: number, before?: () => Promise<void>): Promise<void> {
  const ask = (await cluster.primaryPorts(await askPort())).find((p) => p !== port)!;
  const [replica] = await cluster.replicaPorts(port, ask);
  killed.add(port);
  await cluster.servers.find((s) => s.port === port)!.kill();
  await before?.();
  await cluster.node(replica!).cluster('FAILOVER', 'TAKEOVER');
  await waitUntil(async () => (await cluster.primaryPorts(ask)).includes(replica!), 20_000, 50);
}

async function schedule(id: string, queue: string): Promise<number> {
  queues.push(new Queue(queue, { connection: app, prefix: PREFIX }));
  const s = await store.add({ id, task: 'demo.echo', queue, args: null, trigger: { every: 1000 } }, 'api');
  return s.nextRunAt as number;
}

/** Every recorded run of the schedule is exactly one job, and the tick due at `due` is one of them. */
async function expectOneJobPerRun(id: string, queue: Queue, due: number): Promise<void> {
  const jobs = await ticks(queue, id);
  const { runCount } = await store.get(id);
  expect(jobs.filter((t) => t.due === due)).toHaveLength(1);
  expect(new Set(jobs.map((t) => t.due)).size).toBe(jobs.length);
  expect(jobs).toHaveLength(runCount);
}

beforeAll(async () => {
  cluster = await startTestCluster(3, 1);
  app = appCluster(cluster);
  const connection: SharedOptions = {
    clusterNodes: cluster.nodes.map((n) => ({ host: '127.0.0.1', port: Number(n.split(':')[1]) })),
  };
  beatRedis = await openBeatClient(connection, PREFIX, 'queuedesk:test-beat');
  store = new ScheduleStore(beatRedis);
  runner = new BeatRunner({
    redis: beatRedis,
    connection,
    prefix: PREFIX,
    lockTtlMs: 5000,
    log: (l) => lines.push(l.line),
    tickHook: (stage, def) => hook?.(stage, def) ?? Promise.resolve(),
  });
}, 60_000);

afterAll(async () => {
  await runner?.stop();
  await Promise.all(queues.map((q) => q.close()));
  app?.disconnect();
  beatRedis?.disconnect();
  await cluster?.stop();
});

describe('beat ticks through a cluster failover between their two writes', () => {
  it('keeps the queue and the beat records on different primaries', async () => {
    expect(await portOf(PREFIX)).not.toBe(await portOf(clusterBeatKeys.lock));
  });

  it("records no tick whose job is not on the queue's replica yet; after the failover it is sent once", async () => {
    const queuePort = await portOf(PREFIX);
    const [replica] = await cluster.replicaPorts(queuePort, await askPort());
    const replicaPid = await pidOf(replica!);
    // The replica takes nothing from now on: the primary acknowledges the job, the replica does not have it.
    process.kill(replicaPid, 'SIGSTOP');
    const claimedDues: number[] = [];
    hook = async (stage, def) => {
      if (def.id === 'lag' && stage === 'claimed')
        claimedDues.push((await store.get('lag')).nextRunAt as number);
    };
    const due = await schedule('lag', 'q-lag');
    runner.start();
    try {
      // The beat comes back to the same tick, not recorded: it was sent, but no replica has it.
      await waitUntil(() => claimedDues.length >= 2, 20_000);
      expect(claimedDues.slice(0, 2)).toEqual([due, due]);
      expect((await store.get('lag')).runCount).toBe(0);
    } finally {
      hook = null;
      await failOver(queuePort, async () => {
        process.kill(replicaPid, 'SIGCONT');
      });
    }
    await waitUntil(async () => (await store.get('lag')).runCount >= 3, 30_000);
    await expectOneJobPerRun('lag', queues[0]!, due);
  }, 90_000);

  it("loses no tick and sends none twice when the beat records' primary dies between the job and its record", async () => {
    const beatPort = await portOf(clusterBeatKeys.lock);
    let struck: number | null = null;
    hook = async (stage, def) => {
      if (def.id !== 'crash' || stage !== 'sent' || struck !== null) return;
      struck = (await store.get('crash')).nextRunAt as number;
      await failOver(beatPort);
    };
    await schedule('crash', 'q-crash');
    await waitUntil(async () => struck !== null && (await store.get('crash')).runCount >= 3, 60_000);
    hook = null;
    await expectOneJobPerRun('crash', queues[1]!, struck!);
  }, 90_000);
});
