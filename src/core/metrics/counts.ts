import type { Redis } from 'ioredis';
import type { CountSource } from '../../shared/contract/metrics';
import { MINUTE_MS } from './buckets';
import { readRecorded, type RecordedCounts } from './bullmq-metrics';

export interface FinishedCount {
  completed: number;
  failed: number;
}

// BullMQ keeps finished jobs in sorted sets scored by their finish time: a bucket's count is a ZCOUNT each.
export const setKey = (prefix: string, queue: string, state: string): string => `${prefix}:${queue}:${state}`;

function recordedSum(rec: RecordedCounts, t: number, bucketMs: number): FinishedCount & { whole: boolean } {
  const sum = { completed: 0, failed: 0, whole: t >= rec.from };
  // A bucket is whole minutes (1m, 1h); a smaller one lies inside its minute and is not asked here.
  for (let m = t; m < t + Math.max(bucketMs, MINUTE_MS); m += MINUTE_MS) {
    sum.completed += rec.count('completed', m);
    sum.failed += rec.count('failed', m);
  }
  return sum;
}

/**
 * Completed and failed per bucket (1m or 1h): from BullMQ's metrics where its workers record them, and from
 * the kept finished jobs for buckets from before that recording began (whichever counts more, for a bucket
 * it only partly covers).
 */
export async function finishedPerBucket(
  redis: Redis,
  prefix: string,
  queue: string,
  starts: number[],
  bucketMs: number,
  now: number,
): Promise<{ counts: FinishedCount[]; source: CountSource }> {
  const first = starts[0] ?? now;
  const rec = await readRecorded(redis, prefix, queue, Math.ceil((now - first) / MINUTE_MS) + 1);
  const fromMetrics = starts.map((t) => (rec ? recordedSum(rec, t, bucketMs) : null));
  const fromSets = starts.map((t, i) => (fromMetrics[i]?.whole ? -1 : t));
  const pipe = redis.pipeline();
  for (const t of fromSets) {
    if (t < 0) continue;
    for (const state of ['completed', 'failed'])
      pipe.zcount(setKey(prefix, queue, state), t, t + bucketMs - 1);
  }
  const replies = (await pipe.exec()) ?? [];
  let next = 0;
  const counts = starts.map((_, i) => {
    const m = fromMetrics[i];
    if (m?.whole) return { completed: m.completed, failed: m.failed };
    const completed = Number(replies[next++]?.[1] ?? 0);
    const failed = Number(replies[next++]?.[1] ?? 0);
    return { completed: Math.max(completed, m?.completed ?? 0), failed: Math.max(failed, m?.failed ?? 0) };
  });
  return { counts, source: rec ? 'bullmq-metrics' : 'sets' };
}
