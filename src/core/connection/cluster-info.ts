import type { Cluster } from 'ioredis';
import type { ClusterNodeInfo } from '../../shared/contract';
import { nodeAddress } from './any-redis';
import { parseInfo, type RedisInfo } from './info';

/**
 * INFO of a whole cluster: keys, memory, clients and ops summed over the primaries (what one node says would
 * be a third of the truth); version, uptime and pid are the first primary's. Primaries in `lost` (failing
 * over) are left out rather than failing it all.
 */
export async function clusterInfo(cluster: Cluster, lost: string[] = []): Promise<RedisInfo> {
  const all = cluster.nodes('master');
  const live = all.filter((n) => !lost.includes(nodeAddress(n)));
  const infos = (await Promise.all((live.length ? live : all).map((n) => n.info()))).map(parseInfo);
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

/** The cluster's nodes from CLUSTER NODES (asked of any node: every node knows the whole map). */
export async function clusterNodes(cluster: Cluster): Promise<ClusterNodeInfo[]> {
  return parseClusterNodes(String(await cluster.call('CLUSTER', 'NODES')));
}

/** CLUSTER NODES' text as node rows, sorted by address. */
export function parseClusterNodes(text: string): ClusterNodeInfo[] {
  const rows = text
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '));
  const addressById = new Map(rows.map((r) => [r[0]!, announced(r[1]!)]));
  return rows
    .map((r): ClusterNodeInfo => {
      const flags = r[2]!.split(',');
      const primary = flags.includes('master');
      const node: ClusterNodeInfo = {
        address: announced(r[1]!),
        role: primary ? 'primary' : 'replica',
        id: r[0]!,
        slots: primary
          ? r
              .slice(8)
              .filter((s) => !s.startsWith('['))
              .map(slotRange)
          : [],
      };
      if (!primary && r[3] !== '-') node.replicaOf = addressById.get(r[3]!) ?? r[3]!;
      if (flags.includes('fail') || flags.includes('fail?')) node.failing = true;
      return node;
    })
    .sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }));
}

/** "127.0.0.1:7000@17000,hostname" → "127.0.0.1:7000". */
function announced(field: string): string {
  return field.split('@')[0]!.split(',')[0]!;
}

function slotRange(s: string): [number, number] {
  const [from, to] = s.split('-').map(Number);
  return [from!, to ?? from!];
}
