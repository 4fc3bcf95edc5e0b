import type { Redis } from 'ioredis';
import type { QueueMetrics, QueueThroughput } from '../../shared/contract/metrics';
import { MINUTE_MS, minuteStarts, withTimings, type FinishedTimes } from './buckets';

/** Finished jobs whose timings are read per state; the newest ones when there are more. */
const TIMING_CAP = 5000;
const FINISHED = ['completed', 'failed'] as const;

// BullMQ keeps finished jobs in sorted sets scored by their finish time, which is what makes per-minute counts
// a ZCOUNT each.
const setKey = (prefix: string, queue: string, state: string): string => `${prefix}:${queue}:${state}`;

async function perMinute(
  redis: Redis,
  prefix: string,
  queue: string,
  starts: number[],
): Promise<Array<{ completed: number; failed: number }>> {
  const pipe = redis.pipeline();
  for (const t of starts)
    for (const state of FINISHED) pipe.zcount(setKey(prefix, queue, state), t, t + MINUTE_MS - 1);
  const replies = (await pipe.exec()) ?? [];
  const value = (i: number): number => Number(replies[i]?.[1] ?? 0);
  return starts.map((_, i) => ({ completed: value(2 * i), failed: value(2 * i + 1) }));
}

async function finishedTimes(
  redis: Redis,
  prefix: string,
  queue: string,
  since: number,
): Promise<{ jobs: FinishedTimes[]; capped: boolean }> {
  const idLists = await Promise.all(
    FINISHED.map((state) =>
      redis.zrevrangebyscore(setKey(prefix, queue, state), '+inf', since, 'LIMIT', 0, TIMING_CAP),
    ),
  );
  const ids = idLists.flat();
  const pipe = redis.pipeline();
  for (const id of ids)
    pipe.hmget(`${prefix}:${queue}:${id}`, 'timestamp', 'delay', 'processedOn', 'finishedOn');
  const replies = (await pipe.exec()) ?? [];
  const jobs = replies.flatMap(([, fields]) => {
    const [created, delay, processed, finished] = (fields as Array<string | null>).map(Number);
    if (!created || !processed || !finished) return [];
    return [{ created, delay: delay || 0, processed, finished }];
  });
  return { jobs, capped: idLists.some((l) => l.length >= TIMING_CAP) };
}

export async function readQueueMetrics(
  redis: Redis,
  prefix: string,
  queue: string,
  minutes: number,
  now = Date.now(),
): Promise<QueueMetrics> {
  const starts = minuteStarts(now, minutes);
  const [counts, timed] = await Promise.all([
    perMinute(redis, prefix, queue, starts),
    finishedTimes(redis, prefix, queue, starts[0] ?? now),
  ]);
  return {
    queue,
    minutes: withTimings(starts, counts, timed.jobs),
    sampled: timed.jobs.length,
    capped: timed.capped,
  };
}

export async function readThroughput(
  redis: Redis,
  prefix: string,
  queues: string[],
  minutes: number,
  now = Date.now(),
): Promise<QueueThroughput[]> {
  const starts = minuteStarts(now, minutes);
  return Promise.all(
    queues.map(async (queue) => ({
      queue,
      perMinute: (await perMinute(redis, prefix, queue, starts)).map((c) => c.completed + c.failed),
    })),
  );
}
