import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import keySlot from 'cluster-key-slot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreHost } from '../../../src/core/host';
import { clusterBeatKeys } from '../../../src/core/beat/keys';
import type { ConnectionStatus, ProcessInfo } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { appCluster, clusterHost, ownerOf } from '../queues/cluster-helpers';
import { data, finished, randomQueue } from '../worker/helpers';
import {
  beatChannelHeard,
  carryOnChecks,
  completedTicks,
  startCarryOn,
  ticksAfter,
  type FailoverTimes,
} from './carry-on';

const PREFIX = '{bull}';
let cluster: TestCluster;
let host: CoreHost;
let app: Cluster;
let queue: Queue;
const seen: ConnectionStatus[] = [];
const killed = new Set<number>();

beforeAll(async () => {
  cluster = await startTestCluster(3, 1);
  host = await clusterHost(cluster);
  host.onEvent((event, payload) => {
    if (event === 'connection.changed') seen.push(payload as ConnectionStatus);
  });
  const dir = mkdtempSync(join(tmpdir(), 'qd-cluster-carry-on-'));
  writeFileSync(join(dir, 'queuedesk.config.json'), JSON.stringify({ prefix: PREFIX }));
  await data(host, 'project.open', { configPath: dir });
  app = appCluster(cluster);
  queue = new Queue(randomQueue(), { connection: app, prefix: PREFIX });
}, 60_000);
afterAll(async () => {
  await queue?.close();
  await host?.close();
  app?.disconnect();
  await cluster?.stop();
});

/** A node not killed by the test, to ask about the cluster. */
const livePort = (): number => cluster.servers.find((s) => !killed.has(s.port))!.port;

const liveNodes = (): Redis[] =>
  cluster.servers.filter((s) => !killed.has(s.port)).map((s) => cluster.node(s.port));

/** The port of the primary serving `key`'s slot, asked of a node that is alive. */
async function ownerPort(key: string): Promise<number> {
  return Number((await ownerOf(cluster, key, livePort())).split(':')[1]);
}

/**
 * Kills the primary of `key`'s slot once what it holds is on its replica (a write of our own to that slot, then
 * WAIT), and waits for QueueDesk to show the failover and be whole again. The ticks completed before it count
 * as confirmed: none may be missing after.
 */
async function failOver(key: string, confirmed: string[]): Promise<FailoverTimes> {
  const victim = await ownerPort(key);
  const ids = (await completedTicks(queue)).map((t) => t.job.id!);
  const node = cluster.node(victim);
  await node.set(`${key}:carry-on-mark`, '1');
  expect(Number(await node.call('WAIT', '1', '5000'))).toBe(1);
  confirmed.push(...ids);
  const before = seen.length;
  const killedAt = Date.now();
  killed.add(victim);
  await cluster.servers.find((s) => s.port === victim)!.kill();
  // The banner names the node lost (whatever state the connection shows meanwhile), then goes when it is whole.
  await waitUntil(
    () => seen.slice(before).some((s) => s.note?.includes(`node 127.0.0.1:${victim} lost`)),
    15_000,
  );
  await waitUntil(
    () => host.connection.status().state === 'connected' && !host.connection.status().note,
    30_000,
    50,
  );
  expect(await ownerPort(key)).not.toBe(victim);
  return { killedAt, followedAt: Date.now() };
}

describe("QueueDesk's worker and beat through Redis Cluster node failovers", () => {
  it("carry on when the primary of {bull}'s slot dies, then the primary of the beat's keys", async () => {
    const run = await startCarryOn(host, queue);
    // The app hears other apps' beats on the cluster (its subscriber is a cluster client, opened at connect).
    await beatChannelHeard(liveNodes());
    const confirmed: string[] = [];
    // {bull} and queuedesk:{beat}: hash to different slots (on different primaries of three): two failovers.
    expect(keySlot(PREFIX)).not.toBe(keySlot(clusterBeatKeys.lock));
    const bull = await failOver(`${PREFIX}:carry-on`, confirmed);
    await ticksAfter(queue, bull.followedAt, 3);
    // The beat's keys live on the node QueueDesk was connected by: the seed node dies now.
    expect(await ownerPort(clusterBeatKeys.lock)).toBe(cluster.servers[0]!.port);
    const beat = await failOver(clusterBeatKeys.lock, confirmed);
    await ticksAfter(queue, beat.followedAt, 3);
    await beatChannelHeard(liveNodes());

    // What is opened after the seed died (a queue driver, a new worker) finds the cluster by the nodes known now.
    const later = new Queue(randomQueue(), { connection: app, prefix: PREFIX });
    const second = await data<ProcessInfo>(host, 'workers.start', { queues: [later.name], concurrency: 1 });
    const job = await data<{ id: string }>(host, 'jobs.add', {
      queue: later.name,
      prefix: PREFIX,
      task: 'demo.echo',
      args: [2],
    });
    expect((await finished(later, job.id)).returnvalue).toEqual([2]);
    await data(host, 'workers.stop', { id: second.id });
    await later.close();

    const figures = await carryOnChecks(host, queue, run, [bull, beat], confirmed, {
      client: app,
      prefix: PREFIX,
    });
    console.log(
      `cluster failovers ${bull.followedAt - bull.killedAt} ms and ${beat.followedAt - beat.killedAt} ms, longest gap between ticks ${figures.maxGapMs} ms`,
    );
  }, 90_000);
});
