import { z } from 'zod';
import { type } from './define';
import { QueuePrefix } from './queues';
import { QueueName } from './task-model';

const Minutes = z
  .number()
  .int()
  .min(1)
  .max(24 * 60)
  .default(60);

/** One minute of a queue's history. Times are averages over the jobs that finished in that minute. */
export interface MinuteBucket {
  /** Start of the minute, epoch ms. */
  t: number;
  completed: number;
  failed: number;
  /** Average wait (due → started) in ms; null when no job finished in the minute. */
  waitMs: number | null;
  /** Average run (started → finished) in ms; null when no job finished in the minute. */
  runMs: number | null;
}

export interface QueueMetrics {
  queue: string;
  minutes: MinuteBucket[];
  /** Jobs whose timings were read; timings come from the newest ones when there are more than the cap. */
  sampled: number;
  capped: boolean;
}

export interface QueueThroughput {
  queue: string;
  /** Completed + failed per minute, oldest first. */
  perMinute: number[];
}

export const metricsMethods = {
  /**
   * Completed and failed per minute, and wait/run times, over the last `minutes`, read from the queue's finished
   * jobs (jobs removed on completion are not counted).
   */
  'metrics.queue': {
    input: z.object({ queue: QueueName, prefix: QueuePrefix, minutes: Minutes }).strict(),
    output: type<QueueMetrics>(),
  },
  /** Finished jobs per minute for many queues at once: the queue list's sparklines. */
  'metrics.throughput': {
    input: z.object({ prefix: QueuePrefix, queues: z.array(QueueName).max(500), minutes: Minutes }).strict(),
    output: type<QueueThroughput[]>(),
  },
};

export const metricsEvents = {};
