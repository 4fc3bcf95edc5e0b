import type { Redis } from 'ioredis';
import { serversOf, type AnyRedis } from '../connection/any-redis';
import type { ScanPacing } from './queue-finder';

/**
 * The queue names under the prefix whose keys match `match` and end in one of `suffixes`, sorted: one SCAN pass
 * (never KEYS) over every key of the database (of every primary on a cluster), paced as the caller says (see
 * QueueFinder).
 */
export async function scanQueueNames(
  redis: AnyRedis,
  prefix: string,
  match: string,
  suffixes: string[],
  pacing: ScanPacing,
): Promise<string[]> {
  const names = new Set<string>();
  for (const server of await serversOf(redis))
    await scanServer(server, prefix, match, suffixes, pacing, names);
  return [...names].sort();
}

async function scanServer(
  redis: Redis,
  prefix: string,
  match: string,
  suffixes: string[],
  pacing: ScanPacing,
  names: Set<string>,
): Promise<void> {
  const head = `${prefix}:`;
  let cursor = '0';
  do {
    const started = performance.now();
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', pacing.count);
    cursor = next;
    for (const key of keys) {
      const suffix = suffixes.find((s) => key.endsWith(s));
      if (!suffix) continue;
      const name = key.slice(head.length, -suffix.length);
      // A name with ":" would be ambiguous with the engines' own keys; the API cannot address it either.
      if (name && !name.includes(':')) names.add(name);
    }
    if (cursor !== '0') await pacing.between?.(performance.now() - started);
  } while (cursor !== '0');
}
