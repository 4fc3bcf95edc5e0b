import type { Cluster } from 'ioredis';
import type { SlotMap } from './cluster-route';

/** The cluster client's own slot table (kept current by its MOVED handling and refreshes), or null. */
export function clusterSlots(cluster: Cluster | null): SlotMap | null {
  if (!cluster) return null;
  return { nodeOf: (slot) => cluster.slots[slot]?.[0] ?? null };
}
