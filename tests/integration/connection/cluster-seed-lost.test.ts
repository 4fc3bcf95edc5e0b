import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnyClient } from '../../../src/core/connection/client-factory';
import { CoreHost } from '../../../src/core/host';
import type { QueueSummary } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { publishAndHear } from '../../helpers/pubsub-roundtrip';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { data, randomQueue } from '../worker/helpers';

let cluster: TestCluster;
let host: CoreHost;
let seed: number;
/** Clients opened by the factory from the seed alone, ready before the seed is lost. */
let early: Cluster;
let earlyBlocking: Cluster;
const closing: Array<{ close(): Promise<unknown> } | { disconnect(): void }> = [];

beforeAll(async () => {
  cluster = await startTestCluster(3, 1);
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-seed-lost-')) });
  // The only node given is a primary: the one the failover takes.
  seed = (await cluster.primaryPorts())[0]!;
  await data(host, 'connection.connect', { mode: 'cluster', nodes: [`127.0.0.1:${seed}`] });
  early = createAnyClient(host.connection.sharedOptions(), 'command') as Cluster;
  earlyBlocking = createAnyClient(host.connection.sharedOptions(), 'blocking') as Cluster;
  for (const c of [early, earlyBlocking]) {
    c.on('error', () => undefined);
    closing.push(c);
    expect(await c.ping()).toBe('PONG');
  }

  const asked = cluster.servers.find((s) => s.port !== seed)!.port;
  const [heir] = await cluster.replicaPorts(seed, asked);
  await cluster.servers.find((s) => s.port === seed)!.kill();
  await waitUntil(async () => (await cluster.primaryPorts(asked)).includes(heir!), 30_000, 100);
  await waitUntil(() => {
    const status = host.connection.status();
    return status.state === 'connected' && !status.lostNodes;
  }, 30_000);
}, 120_000);
afterAll(async () => {
  for (const c of closing.reverse()) await ('close' in c ? c.close() : c.disconnect());
  await host?.close();
  await cluster?.stop();
});

describe('clients opened after the seed node was lost in a failover', () => {
  it('subscribe and open queues through the API', async () => {
    // Nothing was opened by the host before the kill: the subscriber and the queues' clients are new.
    await publishAndHear(host, 'after-failover', 'heard');
    const name = randomQueue();
    await data(host, 'jobs.add', { queue: name, prefix: '{bull}', task: 'demo.echo', args: {} });
    const rows = await data<QueueSummary[]>(host, 'queues.list', { prefix: '{bull}', refresh: true });
    expect(rows.find((q) => q.name === name)).toMatchObject({ counts: { waiting: 1 } });
    expect(host.connection.openOptions().clusterNodes![0]).not.toEqual({ host: '127.0.0.1', port: seed });
  });

  it('start from the live nodes when duplicated (BullMQ duplicates its connection for blocking reads)', async () => {
    const copy = early.duplicate();
    closing.push(copy);
    copy.on('error', () => undefined);
    expect(await copy.ping()).toBe('PONG');

    const name = randomQueue();
    const done: string[] = [];
    const worker = new Worker(name, async (job) => void done.push(job.id!), {
      connection: earlyBlocking,
      prefix: '{bull}',
    });
    worker.on('error', () => undefined);
    const queue = new Queue(name, { connection: early, prefix: '{bull}' });
    closing.push(worker, queue);
    const job = await queue.add('t', {});
    await waitUntil(() => done.includes(job.id!), 20_000);
  }, 60_000);
});
