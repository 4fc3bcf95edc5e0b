import type { Redis } from 'ioredis';

/** Names of every BullMQ queue under the prefix, found by its `meta` hash (SCAN, never KEYS). */
export async function discoverQueues(redis: Redis, prefix: string): Promise<string[]> {
  const names = new Set<string>();
  const head = `${prefix}:`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*:meta`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const name = key.slice(head.length, -':meta'.length);
      // A name with ":" would be ambiguous with BullMQ's own keys; the API cannot address it either.
      if (name && !name.includes(':')) names.add(name);
    }
  } while (cursor !== '0');
  return [...names].sort();
}

/** Whether the queue has ever been created (BullMQ writes `meta` and `id` on the first add). */
export async function queueExists(redis: Redis, prefix: string, name: string): Promise<boolean> {
  return (await redis.exists(`${prefix}:${name}:meta`, `${prefix}:${name}:id`)) > 0;
}
