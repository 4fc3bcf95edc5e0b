import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { data } from '../worker/helpers';

let cluster: TestCluster;
let host: CoreHost;
const seen: ConnectionStatus[] = [];

beforeAll(async () => {
  cluster = await startTestCluster(3, 0);
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-return-')) });
  host.onEvent((event, payload) => {
    if (event === 'connection.changed') seen.push(payload as ConnectionStatus);
  });
  await data(host, 'connection.connect', { mode: 'cluster', nodes: [cluster.nodes[0]] });
}, 60_000);
afterAll(async () => {
  await host?.close();
  await cluster?.stop();
});

async function clusterNodesAsked(): Promise<number> {
  const stats = await cluster.node(cluster.servers[0]!.port).info('commandstats');
  return Number(/cmdstat_cluster\|nodes:calls=(\d+)/.exec(stats)?.[1] ?? 0);
}

describe('cluster primaries without replicas', () => {
  it('stay failing over while they are down, and the cluster is whole again when they come back', async () => {
    const [survivor, ...victims] = cluster.servers;
    const names = victims.map((v) => `127.0.0.1:${v.port}`).sort();
    const before = seen.length;
    const askedBefore = await clusterNodesAsked();
    const killedAt = Date.now();
    await Promise.all(victims.map((v) => v.kill()));
    const note = `failing over: nodes ${names.join(', ')} lost; waiting for their replicas to take over`;
    await waitUntil(() => seen.slice(before).some((s) => !!s.note?.startsWith(note)));
    // Nobody can take over: the cluster refuses commands and QueueDesk keeps saying so. The node left still
    // answers, so the connection is not taken for lost.
    const admin = cluster.node(survivor!.port);
    await waitUntil(async () => /cluster_state:fail/.test(String(await admin.cluster('INFO'))), 15_000, 100);
    const status = host.connection.status();
    expect(status).toMatchObject({ state: 'connected', note: expect.stringContaining(note) });
    expect(status.lostNodes?.map((n) => n.address)).toEqual(names);

    await Promise.all(victims.map((v) => v.restart()));
    await waitUntil(() => !host.connection.status().lostNodes, 30_000, 50);
    // Connected again means every primary serves, the ones just back too: none still answers CLUSTERDOWN
    for (const server of cluster.servers)
      expect(String(await cluster.node(server.port).cluster('INFO'))).toMatch(/cluster_state:ok/);
    // One chain of checks for both nodes: one CLUSTER NODES a second, asked of the one node left
    const seconds = (Date.now() - killedAt) / 1000;
    expect((await clusterNodesAsked()) - askedBefore).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    expect(host.connection.status()).toMatchObject({ state: 'connected' });
    expect(host.connection.status().note).toBeUndefined();
    await host.connection.client().set('back:after', 'v2');
    expect(await host.connection.client().get('back:after')).toBe('v2');
  }, 60_000);
});
