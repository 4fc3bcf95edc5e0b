import { z } from 'zod';
import { type } from './define';
import { QueueRef } from './queue-refs';

/**
 * A queue's own limits, which every worker of it honours whatever its local concurrency (BullMQ keeps them in the
 * queue's meta hash): how many jobs run at once across all workers, and how many start per time window.
 */
export interface QueueLimits {
  /** null: no global limit (each worker's own concurrency only). */
  concurrency: number | null;
  rateLimit: { max: number; durationMs: number } | null;
  /** While the queue is rate-limited: when jobs may start again (epoch ms); null when not limited now. */
  rateLimitedUntil: number | null;
}

const Concurrency = z.number().int().min(1, 'global concurrency must be at least 1').max(100_000);
const RateLimit = z
  .object({
    max: z.number().int().min(1, 'the rate limit allows at least 1 job').max(1_000_000),
    durationMs: z
      .number()
      .int()
      .min(10, 'the rate limit window is at least 10 ms')
      .max(24 * 3600_000, 'the rate limit window is at most a day'),
  })
  .strict();

/** Each field left out stays as it is; null removes that limit. */
export const SetQueueLimitsInput = QueueRef.extend({
  concurrency: Concurrency.nullable().optional(),
  rateLimit: RateLimit.nullable().optional(),
})
  .strict()
  .refine((s) => s.concurrency !== undefined || s.rateLimit !== undefined, {
    message: 'give concurrency or rateLimit (null removes it)',
    path: ['concurrency'],
  });
export type SetQueueLimitsInput = z.output<typeof SetQueueLimitsInput>;

export const queueLimitsMethods = {
  'queues.settings': { input: QueueRef, output: type<QueueLimits>() },
  'queues.setSettings': { input: SetQueueLimitsInput, output: type<QueueLimits>() },
};
