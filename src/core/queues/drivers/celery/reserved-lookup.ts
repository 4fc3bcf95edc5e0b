import type { Redis } from 'ioredis';
import { celeryKeys } from './keys';

export interface ReservedCopy {
  queue: string;
  /** The envelope text as the producer sent it. */
  raw: string;
}

/**
 * The reserved messages (kombu's `unacked` hash) of these task ids, in one read: a worker puts a message there
 * when it receives it, so a task-received event can find the message's queue and the message itself.
 */
export async function findReserved(redis: Redis, ids: string[]): Promise<Map<string, ReservedCopy>> {
  const found = new Map<string, ReservedCopy>();
  if (ids.length === 0) return found;
  const wanted = new Set(ids);
  for (const value of Object.values(await redis.hgetall(celeryKeys.unacked))) {
    try {
      const [envelope, , queue] = JSON.parse(value) as [unknown, string, string];
      const raw = typeof envelope === 'string' ? envelope : JSON.stringify(envelope);
      const id = (JSON.parse(raw) as { headers?: { id?: unknown } }).headers?.id;
      if (typeof id === 'string' && wanted.has(id)) found.set(id, { queue, raw });
    } catch {
      // someone else's entry: not ours to read
    }
  }
  return found;
}
