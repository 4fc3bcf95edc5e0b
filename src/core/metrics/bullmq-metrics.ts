import type { Redis } from 'ioredis';
import { MINUTE_MS } from './buckets';

const STATES = ['completed', 'failed'] as const;
export type FinishedState = (typeof STATES)[number];

/** One state's counts as BullMQ's workers recorded them (see collectMetrics.lua in bullmq). */
interface Recorded {
  /** The minute still being counted: its jobs are `count - prevCount`, not yet pushed to the list. */
  open: number;
  openCount: number;
  /** Closed minutes, newest first: data[i] is the minute `open - (i + 1)` minutes. */
  data: number[];
}

/**
 * A queue's per-minute finished counts from BullMQ's metrics, for minutes from `from` on. Workers with the
 * `metrics` option keep them in `<prefix>:<queue>:metrics:<state>` (a hash) and `…:data` (a list, newest first),
 * counting every job, also those removed on completion.
 */
export interface RecordedCounts {
  /** The first minute covered; earlier minutes are not known from these metrics. */
  from: number;
  count(state: FinishedState, minute: number): number;
}

function countAt(r: Recorded, minute: number): number {
  if (minute > r.open) return 0; // nothing finished since the open minute, or it would have moved on
  if (minute === r.open) return r.openCount;
  return r.data[(r.open - minute) / MINUTE_MS - 1] ?? 0;
}

/** Reads both states in one round trip, enough points for `minutes` back from now; null when none recorded. */
export async function readRecorded(
  redis: Redis,
  prefix: string,
  queue: string,
  minutes: number,
): Promise<RecordedCounts | null> {
  const pipe = redis.pipeline();
  for (const state of STATES) {
    const key = `${prefix}:${queue}:metrics:${state}`;
    pipe.hmget(key, 'count', 'prevTS', 'prevCount');
    pipe.lrange(`${key}:data`, 0, minutes);
  }
  const replies = (await pipe.exec()) ?? [];
  const recorded = new Map<FinishedState, Recorded>();
  STATES.forEach((state, i) => {
    const [count, prevTS, prevCount] = ((replies[2 * i]?.[1] ?? []) as Array<string | null>).map(Number);
    if (!prevTS) return;
    const data = ((replies[2 * i + 1]?.[1] ?? []) as string[]).map((v) => Number(v) || 0);
    const open = Math.floor(prevTS / MINUTE_MS) * MINUTE_MS;
    recorded.set(state, { open, openCount: (count || 0) - (prevCount || 0), data });
  });
  if (!recorded.size) return null;
  const from = Math.min(...[...recorded.values()].map((r) => r.open - r.data.length * MINUTE_MS));
  return {
    from,
    count: (state, minute) => {
      const r = recorded.get(state);
      return r && minute >= from ? countAt(r, minute) : 0;
    },
  };
}
