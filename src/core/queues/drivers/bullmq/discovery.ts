import type { Redis } from 'ioredis';
import { legacyBullFlags } from '../../legacy-bull-keys';
import type { ScanPacing } from '../../queue-finder';

/**
 * Names of every BullMQ queue under the prefix, found by its `meta` hash: one full SCAN pass (never KEYS).
 * This visits every key of the database, so callers decide how often and how fast (see QueueFinder).
 */
export async function discoverQueues(
  redis: Redis,
  prefix: string,
  pacing: ScanPacing = { count: 1000 },
): Promise<string[]> {
  const names = new Set<string>();
  const head = `${prefix}:`;
  let cursor = '0';
  do {
    const started = performance.now();
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*:meta`, 'COUNT', pacing.count);
    cursor = next;
    for (const key of keys) {
      const name = key.slice(head.length, -':meta'.length);
      // A name with ":" would be ambiguous with BullMQ's own keys; the API cannot address it either.
      if (name && !name.includes(':')) names.add(name);
    }
    if (cursor !== '0') await pacing.between?.(performance.now() - started);
  } while (cursor !== '0');
  // A paused legacy Bull queue has a `meta` hash too: it belongs to the bull engine.
  const sorted = [...names].sort();
  const legacy = await legacyBullFlags(redis, prefix, sorted);
  return sorted.filter((_, i) => !legacy[i]);
}

/**
 * Whether the BullMQ queue has ever been created (BullMQ writes `meta` and `id` on the first add); a legacy Bull
 * queue of the same name (an `id` and no BullMQ `meta`) is not one.
 */
export async function queueExists(redis: Redis, prefix: string, name: string): Promise<boolean> {
  if ((await redis.exists(`${prefix}:${name}:meta`, `${prefix}:${name}:id`)) === 0) return false;
  const [legacy] = await legacyBullFlags(redis, prefix, [name]);
  return !legacy;
}
