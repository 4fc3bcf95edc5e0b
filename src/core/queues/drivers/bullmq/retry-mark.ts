import type { AnyRedis } from '../../../connection/any-redis';

/**
 * When QueueDesk last retried a job by hand, kept as an extra field of the job's own hash (BullMQ reads only the
 * fields it knows and deletes the hash with the job). BullMQ's retry clears processedOn and finishedOn but stamps
 * no time of its own, so without this the next run's wait would be counted from the job's creation.
 */
const RETRIED_AT_FIELD = 'qdRetriedAt';

// Only a job that still exists is marked: a job removed on completion must not come back as a stray hash.
const MARK = `if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end`;

export async function markRetried(redis: AnyRedis, jobKey: string, at: number): Promise<void> {
  await redis.eval(MARK, 1, jobKey, RETRIED_AT_FIELD, String(at));
}

export async function retriedAt(redis: AnyRedis, jobKey: string): Promise<number | undefined> {
  const value = Number(await redis.hget(jobKey, RETRIED_AT_FIELD));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
