import type { Redis } from 'ioredis';
import type { JobEvent } from '../../../../shared/contract/queues';
import { celeryKeys } from './keys';

/** Events kept in Redis for a late viewer (one that starts after the tasks ran); older ones are trimmed. */
export const HISTORY_CAP = 10_000;

/** Appends events newest-first and trims the list to its cap, in one round trip. */
export async function storeEvents(redis: Redis, events: JobEvent[]): Promise<void> {
  const pipe = redis.pipeline();
  pipe.lpush(celeryKeys.eventHistory, ...events.map((e) => JSON.stringify(e)));
  pipe.ltrim(celeryKeys.eventHistory, 0, HISTORY_CAP - 1);
  await pipe.exec().catch(() => undefined);
}

/** The latest `limit` stored events (of one queue, when given), oldest first so a viewer can replay them in order. */
export async function readEvents(
  redis: Redis,
  queue: string | undefined,
  limit: number,
): Promise<JobEvent[]> {
  const out: JobEvent[] = [];
  for (const text of await redis.lrange(celeryKeys.eventHistory, 0, HISTORY_CAP - 1)) {
    let event: JobEvent;
    try {
      event = JSON.parse(text) as JobEvent;
    } catch {
      continue; // someone else's junk in our key: skip it, keep the rest
    }
    if (queue !== undefined && event.queue !== queue) continue;
    out.push(event);
    if (out.length >= limit) break;
  }
  return out.reverse();
}
