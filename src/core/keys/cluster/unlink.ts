import type { Cluster, Redis } from 'ioredis';
import { bySlot, primaries } from './primaries';

/** The client as a cluster client, when it is one (ioredis marks both kinds with `isCluster`). */
export function asCluster(redis: Redis): Cluster | null {
  return (redis as { isCluster?: boolean }).isCluster ? (redis as unknown as Cluster) : null;
}

/** UNLINK of many names: one call on a single server, one per hash slot on a cluster (no CROSSSLOT). */
export async function unlinkNames(redis: Redis, names: Buffer[]): Promise<number> {
  if (!names.length) return 0;
  if (!asCluster(redis)) return redis.unlink(...names);
  const counts = await Promise.all(bySlot(names).map((group) => redis.unlink(...group)));
  return counts.reduce((a, b) => a + b, 0);
}

/** The servers whose keyspaces together are the whole: every primary on a cluster, else the one server. */
export function keyspaces(redis: Redis): Redis[] {
  const cluster = asCluster(redis);
  return cluster ? primaries(cluster).map((p) => p.redis) : [redis];
}
