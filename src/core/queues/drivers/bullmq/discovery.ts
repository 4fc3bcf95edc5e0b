import type { Redis } from 'ioredis';

/** How one pass pages through the keyspace: its page size and what it does between pages. */
export interface ScanPacing {
  count: number;
  /** Called after each page with how long it took (an upper bound of Redis's time on it). */
  between?: (pageMs: number) => Promise<void>;
}

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
  return [...names].sort();
}

/** Whether the queue has ever been created (BullMQ writes `meta` and `id` on the first add). */
export async function queueExists(redis: Redis, prefix: string, name: string): Promise<boolean> {
  return (await redis.exists(`${prefix}:${name}:meta`, `${prefix}:${name}:id`)) > 0;
}
