import { z } from 'zod';
import { type } from './define';
import { EngineField } from './engines';
import { QueuePrefix } from './queue-refs';
import { QueueName } from './task-model';

/** How long one bucket lasts. 1s and 10s come from the job events the host receives, kept in memory. */
export const Resolution = z.enum(['1s', '10s', '1m', '1h']);
export type Resolution = z.infer<typeof Resolution>;

export const RESOLUTION_MS: Record<Resolution, number> = {
  '1s': 1000,
  '10s': 10_000,
  '1m': 60_000,
  '1h': 3_600_000,
};

/** The host keeps per-second counts this long (the live view). */
export const LIVE_WINDOW_MINUTES = 5;

/**
 * Where completed/failed counts come from. `bullmq-metrics`: BullMQ's own per-minute counts in Redis, kept by
 * workers started with the `metrics` option; they count every job, also those removed on completion.
 * `sets`: the finished jobs BullMQ still keeps (jobs removed on completion are missing). `events`: the live job
 * events this host received, counted per second in memory since it began following the queue; per minute or
 * hour, the buckets of the last 5 minutes where they count more than the kept sets (the rest from the sets).
 * Engines other than BullMQ are counted from their events only.
 */
export const CountSource = z.enum(['bullmq-metrics', 'events', 'sets']);
export type CountSource = z.infer<typeof CountSource>;

const Minutes = z
  .number()
  .int()
  .min(1)
  .max(24 * 60)
  .default(60);

const isLive = (r: Resolution): boolean => r === '1s' || r === '10s';

/** Live resolutions cover only the window the host keeps in memory. */
function liveWindow(v: { minutes: number; resolution: Resolution }, ctx: z.RefinementCtx): void {
  if (isLive(v.resolution) && v.minutes > LIVE_WINDOW_MINUTES)
    ctx.addIssue({
      code: 'custom',
      path: ['minutes'],
      message: `resolution ${v.resolution} covers at most the last ${LIVE_WINDOW_MINUTES} minutes`,
    });
}

/** One bucket of a queue's history. Times are averages over the jobs that finished in it. */
export interface MinuteBucket {
  /** Start of the bucket, epoch ms. */
  t: number;
  completed: number;
  failed: number;
  /** Average wait (due → started) in ms; null when no finished job with its times is known for the bucket. */
  waitMs: number | null;
  /** Average run (started → finished) in ms; null when no finished job with its times is known for the bucket. */
  runMs: number | null;
}

export interface QueueMetrics {
  queue: string;
  resolution: Resolution;
  bucketMs: number;
  /** Where `completed` and `failed` come from (see CountSource); wait/run times always come from kept jobs. */
  source: CountSource;
  /** Buckets over the window asked, oldest first; the last one is the bucket now running. */
  buckets: MinuteBucket[];
  /** The same buckets, for callers of the per-minute view (resolution 1m only). */
  minutes?: MinuteBucket[];
  /** Jobs whose timings were read; timings come from the newest ones when there are more than the cap. */
  sampled: number;
  capped: boolean;
  /** The last job event this host received for the queue (epoch ms), null when none in the live window. */
  lastEventAt: number | null;
}

export interface QueueThroughput {
  queue: string;
  resolution: Resolution;
  source: CountSource;
  /** Completed + failed per bucket, oldest first; the last one is the bucket now running. */
  values: number[];
  /** The same values at resolution 1m, for older callers. */
  perMinute?: number[];
}

export const metricsMethods = {
  /**
   * Completed and failed per bucket, and wait/run times, over the last `minutes`. Counts come from BullMQ's own
   * metrics where its workers record them, else from the finished jobs kept (minutes before BullMQ began
   * recording too); 1s/10s from the live events (at most the last 5 minutes).
   */
  'metrics.queue': {
    input: z
      .object({
        queue: QueueName,
        prefix: QueuePrefix,
        engine: EngineField,
        minutes: Minutes,
        resolution: Resolution.default('1m'),
      })
      .strict()
      .superRefine(liveWindow),
    output: type<QueueMetrics>(),
  },
  /** Finished jobs per bucket for many queues at once: the queue list's sparklines (10s: no Redis read). */
  'metrics.throughput': {
    input: z
      .object({
        prefix: QueuePrefix,
        engine: EngineField,
        queues: z.array(QueueName).max(500),
        minutes: Minutes,
        resolution: Resolution.default('1m'),
      })
      .strict()
      .superRefine(liveWindow),
    output: type<QueueThroughput[]>(),
  },
};

export const metricsEvents = {};
