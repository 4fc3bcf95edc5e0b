import type { Redis } from 'ioredis';
import { decodeMessage, type DecodedMessage } from './decode';
import { celeryKeys } from './keys';

/** kombu's default visibility timeout: a reserved message older than this is restored to its queue. */
export const VISIBILITY_TIMEOUT_SEC = 3600;

/** A message a worker has taken but not acknowledged: prefetched, held for its ETA, or running. */
export interface Reserved {
  message: DecodedMessage;
  raw: string;
  /** When the worker received it (epoch ms, from unacked_index). */
  sinceMs: number;
  visibilityLeftSec: number;
  /** Held for an ETA still in the future (Celery's "scheduled"). */
  scheduled: boolean;
}

/** Every reserved message of the db (kombu keeps one unacked hash for all queues), by queue. */
export async function readUnacked(redis: Redis, now = Date.now()): Promise<Map<string, Reserved[]>> {
  const [entries, scores] = await Promise.all([
    redis.hgetall(celeryKeys.unacked),
    redis.zrange(celeryKeys.unackedIndex, '0', '-1', 'WITHSCORES'),
  ]);
  const since = new Map<string, number>();
  for (let i = 0; i + 1 < scores.length; i += 2) since.set(scores[i] as string, Number(scores[i + 1]) * 1000);
  const byQueue = new Map<string, Reserved[]>();
  for (const [tag, value] of Object.entries(entries)) {
    let envelope = value;
    let routingKey: string | null = null;
    try {
      const triple = JSON.parse(value) as [unknown, string, string];
      envelope = typeof triple[0] === 'string' ? triple[0] : JSON.stringify(triple[0]);
      routingKey = triple[2];
    } catch {
      // shown as a broken message below
    }
    const message = decodeMessage(envelope);
    const queue = routingKey || message.routingKey || '';
    const sinceMs = since.get(tag) ?? now;
    const eta = typeof message.headers.eta === 'string' ? Date.parse(message.headers.eta) : NaN;
    const item: Reserved = {
      message,
      raw: envelope,
      sinceMs,
      visibilityLeftSec: Math.round(VISIBILITY_TIMEOUT_SEC - (now - sinceMs) / 1000),
      scheduled: eta > now,
    };
    byQueue.set(queue, [...(byQueue.get(queue) ?? []), item]);
  }
  return byQueue;
}
