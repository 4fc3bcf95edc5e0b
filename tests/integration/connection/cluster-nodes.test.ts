import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnyClient } from '../../../src/core/connection/client-factory';
import { CoreHost } from '../../../src/core/host';
import type { ClusterNodeInfo } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { data } from '../worker/helpers';

let cluster: TestCluster;
let host: CoreHost;

beforeAll(async () => {
  cluster = await startTestCluster(3, 1);
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-nodes-')) });
  await data(host, 'connection.connect', { mode: 'cluster', nodes: [cluster.nodes[0]] });
}, 90_000);
afterAll(async () => {
  await host?.close();
  await cluster?.stop();
});

describe('the nodes of a cluster connection', () => {
  it('lists every primary with its slots and every replica with its primary', async () => {
    // A node's map can lag a moment behind the roles `--cluster create` gave (gossip): wait for it to settle.
    let nodes: ClusterNodeInfo[] = [];
    await waitUntil(async () => {
      ({ nodes } = await data<{ nodes: ClusterNodeInfo[] }>(host, 'connection.nodes', {}));
      return nodes.filter((n) => n.role === 'replica').length === 3;
    });
    expect(nodes).toHaveLength(6);
    const primaries = nodes.filter((n) => n.role === 'primary');
    expect(primaries.map((n) => Number(n.address.split(':')[1]))).toEqual(await cluster.primaryPorts());
    const slots = primaries.flatMap((n) => n.slots).reduce((a, [from, to]) => a + to - from + 1, 0);
    expect(slots).toBe(16384);
    for (const replica of nodes.filter((n) => n.role === 'replica'))
      expect(primaries.map((p) => p.address)).toContain(replica.replicaOf);
  });

  it('gives one node when asked by address, and says which there are when not', () => {
    const port = Number(cluster.nodes[1]!.split(':')[1]);
    expect(host.connection.nodeClient(cluster.nodes[1], 'the test').options.port).toBe(port);
    expect(host.connection.nodeOptions(cluster.nodes[1], 'the test').port).toBe(port);
    expect(() => host.connection.nodeClient(undefined, 'the slowlog')).toThrow(
      /slowlog runs on one node.*pick one/,
    );
    expect(() => host.connection.nodeClient('127.0.0.1:1', 'the slowlog')).toThrow(/no node 127.0.0.1:1/);
  });

  it('shares options from which another client reaches the whole cluster', async () => {
    const shared = host.connection.sharedOptions();
    expect(shared.clusterNodes).toHaveLength(1);
    const other = createAnyClient(shared, 'command');
    expect(other).toBeInstanceOf(Cluster);
    try {
      for (let i = 0; i < 20; i++) await other.set(`shared:${i}`, String(i));
      expect(await host.connection.client().get('shared:19')).toBe('19');
    } finally {
      other.disconnect();
    }
    expect(() => host.connection.connectionOptions()).toThrow(/Cluster/);
  });
});
