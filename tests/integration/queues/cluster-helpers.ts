import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from 'ioredis';
import keySlot from 'cluster-key-slot';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus } from '../../../src/shared/contract';
import type { TestCluster } from '../../helpers/redis-cluster';
import { data } from '../worker/helpers';

/** A core host connected to the cluster by one seed node, as a user would connect. */
export async function clusterHost(cluster: TestCluster): Promise<CoreHost> {
  const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-queues-')) });
  const status = await data<ConnectionStatus>(host, 'connection.connect', {
    mode: 'cluster',
    nodes: [cluster.nodes[0]],
  });
  if (status.mode !== 'cluster') throw new Error(`not a cluster connection: ${JSON.stringify(status)}`);
  return host;
}

/** The app's own ioredis Cluster client, as a BullMQ app on a cluster makes one. */
export function appCluster(cluster: TestCluster): Cluster {
  const [host, port] = cluster.nodes[0]!.split(':');
  return new Cluster([{ host: host!, port: Number(port) }], { redisOptions: { maxRetriesPerRequest: null } });
}

/** The primary ("host:port") holding a hash tag's (or key's) slot, asked of the cluster (by `askPort`) itself. */
export async function ownerOf(cluster: TestCluster, tag: string, askPort?: number): Promise<string> {
  const slot = keySlot(tag);
  // Any live node answers for the whole map; a primary killed a moment ago may still be listed as one.
  const port = askPort ?? (await cluster.primaryPorts())[0];
  const ranges = (await cluster.node(port!).cluster('SLOTS')) as unknown as Array<
    [number, number, [string, number]]
  >;
  const range = ranges.find(([from, to]) => slot >= from && slot <= to)!;
  return `${range[2][0]}:${range[2][1]}`;
}
