import type { Cluster, Redis } from 'ioredis';
import keySlot from 'cluster-key-slot';
import type { KeyRow } from '../../../shared/contract';
import { nodeAddress } from '../../connection/any-redis';

export interface Primary {
  /** "host:port" as the cluster announces it. */
  name: string;
  redis: Redis;
}

/** The cluster's primaries in a stable order (by address), so a cursor that names one by index stays valid. */
export function primaries(cluster: Cluster): Primary[] {
  return cluster
    .nodes('master')
    .map((redis) => ({ name: nodeAddress(redis), redis }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/** The hash slot of a key (its `{tag}` if it has one), as Redis computes it. */
export function slotOf(key: Buffer | string): number {
  return keySlot(key);
}

/** Scan rows of one primary (parsed with their slots), each tagged with that primary's address. */
export function onNode(rows: KeyRow[], node: string): KeyRow[] {
  for (const row of rows) row.node = node;
  return rows;
}

/** Groups key names by hash slot: a multi-key command on a cluster must keep to one slot. */
export function bySlot(names: Buffer[]): Buffer[][] {
  const groups = new Map<number, Buffer[]>();
  for (const name of names) {
    const slot = slotOf(name);
    const group = groups.get(slot);
    if (group) group.push(name);
    else groups.set(slot, [name]);
  }
  return [...groups.values()];
}
