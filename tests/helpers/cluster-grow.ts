import { waitUntil } from './process-alive';
import { startClusterNode, type TestCluster } from './redis-cluster';
import type { TestRedis } from './redis-server';

async function nodeId(cluster: TestCluster, port: number): Promise<string> {
  return (await cluster.node(port).cluster('MYID')) as string;
}

/** Starts one more cluster node, meets it with the others and waits until every node knows it (no slots yet). */
export async function addEmptyPrimary(cluster: TestCluster): Promise<TestRedis> {
  const { server, bus } = await startClusterNode();
  cluster.servers.push(server); // so cluster.stop() stops it too
  const first = cluster.servers[0]!;
  await cluster.node(first.port).cluster('MEET', '127.0.0.1', server.port, bus);
  // Every node knows every other (the newcomer learns of the rest by gossip), none still in handshake.
  await waitUntil(async () => {
    for (const s of cluster.servers) {
      const lines = ((await cluster.node(s.port).cluster('NODES')) as string).trim().split('\n');
      if (lines.length !== cluster.servers.length || lines.some((l) => l.includes('handshake'))) return false;
    }
    return true;
  }, 20_000);
  return server;
}

/**
 * Moves an empty hash slot to the node on `toPort`, as `redis-cli --cluster reshard` does for a slot without keys:
 * IMPORTING on the target, MIGRATING on the source, then NODE on the target, the source and the rest.
 */
export async function moveEmptySlot(
  cluster: TestCluster,
  slot: number,
  fromPort: number,
  toPort: number,
): Promise<void> {
  const [from, to] = [await nodeId(cluster, fromPort), await nodeId(cluster, toPort)];
  await cluster.node(toPort).cluster('SETSLOT', slot, 'IMPORTING', from);
  await cluster.node(fromPort).cluster('SETSLOT', slot, 'MIGRATING', to);
  await cluster.node(toPort).cluster('SETSLOT', slot, 'NODE', to);
  await cluster.node(fromPort).cluster('SETSLOT', slot, 'NODE', to);
  for (const s of cluster.servers) {
    if (s.port !== fromPort && s.port !== toPort)
      await cluster.node(s.port).cluster('SETSLOT', slot, 'NODE', to);
  }
}
