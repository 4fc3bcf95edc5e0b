import type { MinuteBucket } from '../../shared/contract/metrics';

export const MINUTE_MS = 60_000;

/** Start times of the last `count` whole buckets, oldest first; the last one is the bucket now running. */
export function bucketStarts(now: number, bucketMs: number, count: number): number[] {
  const current = Math.floor(now / bucketMs) * bucketMs;
  return Array.from({ length: count }, (_, i) => current - (count - 1 - i) * bucketMs);
}

/** Start times of the last `minutes` whole minutes, oldest first; the last one is the minute now running. */
export function minuteStarts(now: number, minutes: number): number[] {
  return bucketStarts(now, MINUTE_MS, minutes);
}

/** How many buckets cover a window of `minutes` (a part bucket counts as one). */
export function bucketCount(minutes: number, bucketMs: number): number {
  return Math.max(1, Math.ceil((minutes * MINUTE_MS) / bucketMs));
}

/** A finished job's timings, all epoch ms as BullMQ stores them in the job hash. */
export interface FinishedTimes {
  created: number;
  delay: number;
  processed: number;
  finished: number;
}

/** Adds averaged wait and run times to per-bucket counts; jobs outside the window are ignored. */
export function withTimings(
  starts: number[],
  counts: Array<{ completed: number; failed: number }>,
  jobs: FinishedTimes[],
  bucketMs = MINUTE_MS,
): MinuteBucket[] {
  const first = starts[0] ?? 0;
  const sums = starts.map(() => ({ wait: 0, run: 0, n: 0 }));
  for (const job of jobs) {
    const sum = sums[Math.floor((job.finished - first) / bucketMs)];
    if (!sum) continue;
    sum.wait += Math.max(0, job.processed - (job.created + job.delay));
    sum.run += Math.max(0, job.finished - job.processed);
    sum.n++;
  }
  return starts.map((t, i) => {
    const sum = sums[i] as { wait: number; run: number; n: number };
    const count = counts[i] ?? { completed: 0, failed: 0 };
    return {
      t,
      completed: count.completed,
      failed: count.failed,
      waitMs: sum.n ? Math.round(sum.wait / sum.n) : null,
      runMs: sum.n ? Math.round(sum.run / sum.n) : null,
    };
  });
}
