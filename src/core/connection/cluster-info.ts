import type { Cluster } from 'ioredis';
import { parseInfo, type RedisInfo } from './info';

/**
 * INFO of a whole cluster: keys, memory, clients and ops summed over the primaries (what one node says would
 * be a third of the truth); version, uptime and pid are the first primary's.
 */
export async function clusterInfo(cluster: Cluster): Promise<RedisInfo> {
  const infos = (await Promise.all(cluster.nodes('master').map((n) => n.info()))).map(parseInfo);
  const first = infos[0]!;
  const sum = (f: (i: RedisInfo) => number): number => infos.reduce((a, i) => a + f(i), 0);
  const usedMemory = sum((i) => i.usedMemory);
  const db0 = {
    keys: sum((i) => i.keyspace.db0?.keys ?? 0),
    expires: sum((i) => i.keyspace.db0?.expires ?? 0),
  };
  return {
    ...first,
    usedMemory,
    usedMemoryHuman: `${(usedMemory / 1024 / 1024).toFixed(2)}M`,
    connectedClients: sum((i) => i.connectedClients),
    opsPerSec: sum((i) => i.opsPerSec),
    keyspace: db0.keys ? { db0 } : {},
  };
}
