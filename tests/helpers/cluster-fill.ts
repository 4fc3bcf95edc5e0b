import keySlot from 'cluster-key-slot';
import type { ChainableCommander, Redis } from 'ioredis';
import type { TestCluster } from './redis-cluster';

const BATCH = 30_000;

/** Which primary (by port) owns each of the 16384 slots, from CLUSTER SLOTS. */
async function slotOwners(admin: Redis): Promise<Int32Array> {
  const owners = new Int32Array(16384).fill(-1);
  for (const [from, to, owner] of await admin.cluster('SLOTS')) if (owner) owners.fill(owner[1], from, to + 1);
  return owners;
}

/**
 * Writes keys 0..n-1 (`add` queues key j's commands, `name` is its name) straight to the primary that owns its
 * slot, pipelined in big batches to all primaries at once: far quicker than through a cluster client. A node
 * refuses (MOVED) a key outside its slots, so an error-free load means each primary owns its keys.
 * Resolves to each primary's DBSIZE, in the order of `primaryPorts()`.
 */
export async function fillCluster(
  cluster: TestCluster,
  n: number,
  name: (j: number) => string,
  add: (pipe: ChainableCommander, j: number) => void,
): Promise<number[]> {
  const ports = await cluster.primaryPorts();
  const owners = await slotOwners(cluster.node(ports[0]!));
  const clients = new Map(ports.map((port) => [port, cluster.node(port)]));
  for (let i = 0; i < n; i += BATCH) {
    const pipes = new Map([...clients].map(([port, c]) => [port, c.pipeline()]));
    for (let j = i; j < Math.min(n, i + BATCH); j++) add(pipes.get(owners[keySlot(name(j))]!)!, j);
    const results = await Promise.all([...pipes.values()].map((p) => p.exec()));
    const failed = results.flat().find((r) => r?.[0]);
    if (failed) throw new Error(`load refused: ${String(failed[0])}`);
  }
  return Promise.all(ports.map((port) => clients.get(port)!.dbsize()));
}
