import type { AnyRedis } from '../../../connection/any-redis';
import { legacyBullFlags } from '../../legacy-bull-keys';
import type { ScanPacing } from '../../queue-finder';
import { scanQueueNames } from '../../scan-queue-names';

/**
 * Names of every BullMQ queue under the prefix, found by its `meta` hash: one full SCAN pass (never KEYS), of
 * every primary on a cluster.
 * This visits every key of the database, so callers decide how often and how fast (see QueueFinder).
 */
export async function discoverQueues(
  redis: AnyRedis,
  prefix: string,
  pacing: ScanPacing = { count: 1000 },
): Promise<string[]> {
  const sorted = await scanQueueNames(redis, prefix, `${prefix}:*:meta`, [':meta'], pacing);
  // A paused legacy Bull queue has a `meta` hash too: it belongs to the bull engine.
  const legacy = await legacyBullFlags(redis, prefix, sorted);
  return sorted.filter((_, i) => !legacy[i]);
}

/**
 * Whether the BullMQ queue has ever been created (BullMQ writes `meta` and `id` on the first add); a legacy Bull
 * queue of the same name (an `id` and no BullMQ `meta`) is not one.
 */
export async function queueExists(redis: AnyRedis, prefix: string, name: string): Promise<boolean> {
  if ((await redis.exists(`${prefix}:${name}:meta`, `${prefix}:${name}:id`)) === 0) return false;
  const [legacy] = await legacyBullFlags(redis, prefix, [name]);
  return !legacy;
}
