import type { Cluster } from 'ioredis';

export type HostPort = { host: string; port: number };

/**
 * The nodes a new Cluster client (a driver's, a worker's, the beat's) should start from: every node the live
 * client knows now, reachable ones first, then the user's seeds. The seeds alone go stale: after the seed node
 * died in a failover, a client started from it alone would wait for it forever.
 */
export function clusterSeeds(seeds: HostPort[], cluster: Cluster | null): HostPort[] {
  const known = cluster
    ? [...cluster.nodes('all')]
        .sort((a, b) => Number(b.status === 'ready') - Number(a.status === 'ready'))
        .map((n) => ({ host: n.options.host ?? '127.0.0.1', port: n.options.port ?? 6379 }))
    : [];
  const out: HostPort[] = [];
  for (const node of [...known, ...seeds])
    if (!out.some((n) => n.host === node.host && n.port === node.port)) out.push({ ...node });
  return out;
}
