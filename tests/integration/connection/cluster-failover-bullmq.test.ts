import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnyClient } from '../../../src/core/connection/client-factory';
import { CoreHost } from '../../../src/core/host';
import { slotOf } from '../../../src/core/keys/cluster/primaries';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { data, randomQueue } from '../worker/helpers';

let cluster: TestCluster;
let host: CoreHost;
const clients: Cluster[] = [];
const PREFIX = '{bull}';
const PACE_MS = 10;

beforeAll(async () => {
  cluster = await startTestCluster(3, 1);
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-bullmq-')) });
  await data(host, 'connection.connect', { mode: 'cluster', nodes: [cluster.nodes[0]] });
}, 90_000);
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await host?.close();
  await cluster?.stop();
});

/** A Cluster client built the way QueueDesk builds every client from its connection. */
function clusterClient(purpose: 'command' | 'blocking'): Cluster {
  const c = createAnyClient(host.connection.sharedOptions(), purpose) as Cluster;
  c.on('error', () => undefined);
  clients.push(c);
  return c;
}

/** The address ioredis sends `{bull}` keys to now. */
function bullNode(c: Cluster): string | undefined {
  return c.slots[slotOf(PREFIX)]?.[0];
}

/**
 * Adds a job, then `WAIT 1` on the very connection that ran the add (the pool's connection to `{bull}`'s
 * primary): acknowledged only when a replica has it, and the slot did not move meanwhile.
 */
async function addConfirmed(queue: Queue, c: Cluster, n: number): Promise<string | null> {
  const at = bullNode(c);
  const job = await queue.add('t', { n });
  const node = c.nodes('master').find((r) => `${r.options.host}:${r.options.port}` === at);
  if (!node || !job.id) return null;
  const replicas = Number(await node.call('WAIT', '1', '500'));
  return replicas >= 1 && bullNode(c) === at ? job.id : null;
}

describe('BullMQ on a Redis Cluster through a node failover', () => {
  it('loses no confirmed add, and the worker carries on with jobs added after', async () => {
    const name = randomQueue();
    const adder = clusterClient('command');
    const queue = new Queue(name, { connection: adder, prefix: PREFIX });
    const done = new Set<string>();
    const worker = new Worker(name, async (job) => void done.add(job.id!), {
      connection: clusterClient('blocking'),
      prefix: PREFIX,
      concurrency: 4,
    });
    worker.on('error', () => undefined);
    await worker.waitUntilReady();

    const victim = Number(bullNode(adder)!.split(':')[1]);
    const [heir] = await cluster.replicaPorts(victim);
    const asked = cluster.servers.find((s) => s.port !== victim)!.port;
    const confirmed: string[] = [];
    let unconfirmed = 0;
    let adding = true;
    const loop = (async () => {
      for (let n = 0; adding; n++) {
        const id = await addConfirmed(queue, adder, n).catch(() => null);
        if (id) confirmed.push(id);
        else unconfirmed++;
        await new Promise((r) => setTimeout(r, PACE_MS));
      }
    })();
    await waitUntil(() => confirmed.length >= 20 && done.size >= 10, 20_000);
    const confirmedBeforeKill = confirmed.length;

    await cluster.servers.find((s) => s.port === victim)!.kill();
    await waitUntil(async () => (await cluster.primaryPorts(asked)).includes(heir!), 30_000, 100);
    await waitUntil(
      () => {
        const status = host.connection.status();
        return status.state === 'connected' && !status.lostNodes;
      },
      30_000,
      50,
    );
    adding = false;
    await loop;
    expect(confirmedBeforeKill).toBeGreaterThan(0);

    // Every add a replica confirmed is there after the failover
    const missing: string[] = [];
    for (const id of confirmed) if (!(await queue.getJob(id))) missing.push(id);
    expect(missing).toEqual([]);

    // The same worker runs jobs added after the failover, and every confirmed job
    const after = await Promise.all([1, 2, 3, 4, 5].map((n) => queue.add('after', { n })));
    await waitUntil(
      () => after.every((j) => done.has(j.id!)) && confirmed.every((id) => done.has(id)),
      30_000,
      50,
      () => `done ${done.size}, confirmed ${confirmed.length}, unconfirmed ${unconfirmed}`,
    );
    expect(await queue.getJobState(after[4]!.id!)).toBe('completed');
    await worker.close();
    await queue.close();
  }, 120_000);
});
