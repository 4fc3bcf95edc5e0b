import type { Redis } from 'ioredis';
import { celeryKeys } from './keys';

/** Messages QueueDesk keeps (to retry them later); the oldest are dropped past this. */
export const ARCHIVE_CAP = 20_000;

/** A task message QueueDesk came across (waiting in a list, or reserved by a worker), as its envelope text. */
export interface SeenMessage {
  id: string;
  raw: string;
}

/**
 * Keeps the messages of tasks other clients sent (a Python `apply_async`) that QueueDesk saw, so a task that
 * later fails can be retried without the worker's `result_extended`. Never replaces a kept copy: the first one
 * seen is the original (a retry of the task by Celery re-sends it with the same id and more retries).
 */
export async function archiveSeen(redis: Redis, seen: SeenMessage[]): Promise<void> {
  const fresh = seen.filter((s) => s.id);
  if (fresh.length === 0) return;
  const now = Date.now();
  const pipe = redis.pipeline();
  for (const { id, raw } of fresh) {
    pipe.hsetnx(celeryKeys.sentArchive, id, raw);
    pipe.zadd(celeryKeys.sentIndex, 'NX', now, id);
  }
  await pipe.exec();
  await trimArchive(redis);
}

/** Drops the oldest kept messages once the archive is 10% over its cap. */
export async function trimArchive(redis: Redis): Promise<void> {
  const size = await redis.zcard(celeryKeys.sentIndex);
  if (size <= ARCHIVE_CAP * 1.1) return;
  const old = await redis.zrange(celeryKeys.sentIndex, '0', String(size - ARCHIVE_CAP - 1));
  if (old.length === 0) return;
  await redis
    .multi()
    .hdel(celeryKeys.sentArchive, ...old)
    .zrem(celeryKeys.sentIndex, ...old)
    .exec();
}
