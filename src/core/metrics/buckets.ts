import type { MinuteBucket } from '../../shared/contract/metrics';

export const MINUTE_MS = 60_000;

/** Start times of the last `minutes` whole minutes, oldest first; the last one is the minute now running. */
export function minuteStarts(now: number, minutes: number): number[] {
  const current = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  return Array.from({ length: minutes }, (_, i) => current - (minutes - 1 - i) * MINUTE_MS);
}

/** A finished job's timings, all epoch ms as BullMQ stores them in the job hash. */
export interface FinishedTimes {
  created: number;
  delay: number;
  processed: number;
  finished: number;
}

/** Adds averaged wait and run times to per-minute counts; jobs outside the window are ignored. */
export function withTimings(
  starts: number[],
  counts: Array<{ completed: number; failed: number }>,
  jobs: FinishedTimes[],
): MinuteBucket[] {
  const first = starts[0] ?? 0;
  const sums = starts.map(() => ({ wait: 0, run: 0, n: 0 }));
  for (const job of jobs) {
    const sum = sums[Math.floor((job.finished - first) / MINUTE_MS)];
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
