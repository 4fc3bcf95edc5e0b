import type { Redis } from 'ioredis';
import type { EngineName } from '../../shared/contract/engines';
import {
  LIVE_WINDOW_MINUTES,
  RESOLUTION_MS,
  type CountSource,
  type QueueMetrics,
  type QueueThroughput,
  type Resolution,
} from '../../shared/contract/metrics';
import { bucketCount, bucketStarts, withTimings, type FinishedTimes } from './buckets';
import { finishedPerBucket, setKey, type FinishedCount } from './counts';
import type { LiveCounts } from './live-counts';

/** Finished jobs whose timings are read per state; the newest ones when there are more. */
const TIMING_CAP = 5000;
const FINISHED = ['completed', 'failed'] as const;

export interface MetricsQuery {
  engine: EngineName;
  prefix: string;
  queue: string;
  minutes: number;
  resolution: Resolution;
}

const isLive = (r: Resolution): boolean => r === '1s' || r === '10s';

/** The live per-second counts summed into the asked buckets; seconds outside them are left out. */
function liveCounts(live: LiveCounts, q: MetricsQuery, starts: number[], bucketMs: number): FinishedCount[] {
  const first = starts[0] ?? 0;
  const counts = starts.map(() => ({ completed: 0, failed: 0 }));
  const seconds = Math.min(LIVE_WINDOW_MINUTES * 60, (starts.length * bucketMs) / 1000);
  for (const s of live.seconds(q.engine, q.prefix, q.queue, seconds)) {
    const bucket = counts[Math.floor((s.t - first) / bucketMs)];
    if (!bucket) continue;
    bucket.completed += s.completed;
    bucket.failed += s.failed;
  }
  return counts;
}

/**
 * Without BullMQ's metrics, the kept sets miss jobs removed on completion: where the live events of the last
 * minutes count more, they are the better figure, and the source says so.
 */
function withLive(
  sets: FinishedCount[],
  events: FinishedCount[],
): { counts: FinishedCount[]; source: CountSource } {
  let raised = false;
  const counts = sets.map((c, i) => {
    const e = events[i] ?? c;
    if (e.completed + e.failed <= c.completed + c.failed) return c;
    raised = true;
    return e;
  });
  return { counts, source: raised ? 'events' : 'sets' };
}

async function countsFor(
  redis: Redis,
  live: LiveCounts,
  q: MetricsQuery,
  starts: number[],
  now: number,
): Promise<{ counts: FinishedCount[]; source: CountSource }> {
  const bucketMs = RESOLUTION_MS[q.resolution];
  const events = liveCounts(live, q, starts, bucketMs);
  // Other engines keep no finished-job sets or counters here: their live events are all there is.
  if (isLive(q.resolution) || q.engine !== 'bullmq') return { counts: events, source: 'events' };
  const kept = await finishedPerBucket(redis, q.prefix, q.queue, starts, bucketMs, now);
  return kept.source === 'sets' ? withLive(kept.counts, events) : kept;
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
  live: LiveCounts,
  q: MetricsQuery,
  now = Date.now(),
): Promise<QueueMetrics> {
  const bucketMs = RESOLUTION_MS[q.resolution];
  const starts = bucketStarts(now, bucketMs, bucketCount(q.minutes, bucketMs));
  const [{ counts, source }, timed] = await Promise.all([
    countsFor(redis, live, q, starts, now),
    q.engine === 'bullmq'
      ? finishedTimes(redis, q.prefix, q.queue, starts[0] ?? now)
      : { jobs: [], capped: false },
  ]);
  const buckets = withTimings(starts, counts, timed.jobs, bucketMs);
  return {
    queue: q.queue,
    resolution: q.resolution,
    bucketMs,
    source,
    buckets,
    ...(q.resolution === '1m' ? { minutes: buckets } : {}),
    sampled: timed.jobs.length,
    capped: timed.capped,
    lastEventAt: live.lastEventAt(q.engine, q.prefix, q.queue),
  };
}

export async function readThroughput(
  redis: Redis,
  live: LiveCounts,
  query: Omit<MetricsQuery, 'queue'> & { queues: string[] },
  now = Date.now(),
): Promise<QueueThroughput[]> {
  const bucketMs = RESOLUTION_MS[query.resolution];
  const starts = bucketStarts(now, bucketMs, bucketCount(query.minutes, bucketMs));
  return Promise.all(
    query.queues.map(async (queue) => {
      const { counts, source } = await countsFor(redis, live, { ...query, queue }, starts, now);
      const values = counts.map((c) => c.completed + c.failed);
      return {
        queue,
        resolution: query.resolution,
        source,
        values,
        ...(query.resolution === '1m' ? { perMinute: values } : {}),
      };
    }),
  );
}
