import type { Queue } from 'bullmq';
import type { QueueLimits } from '../../../../shared/contract/queue-limits';
import type { QueueLimitsPatch } from '../../driver';

/** BullMQ's global limits as QueueDesk shows them; `rateLimitedUntil` from the limiter key's time left. */
export async function queueLimits(queue: Queue, now = Date.now()): Promise<QueueLimits> {
  const [concurrency, rate, ttl] = await Promise.all([
    queue.getGlobalConcurrency(),
    queue.getGlobalRateLimit(),
    // With a global rate limit set, BullMQ reads its max and answers 0 until the window's jobs reach it.
    queue.getRateLimitTtl(),
  ]);
  return {
    concurrency,
    rateLimit: rate ? { max: rate.max, durationMs: rate.duration } : null,
    rateLimitedUntil: rate && ttl > 0 ? now + ttl : null,
  };
}

export async function setQueueLimits(queue: Queue, patch: QueueLimitsPatch): Promise<QueueLimits> {
  if (patch.concurrency === null) await queue.removeGlobalConcurrency();
  else if (patch.concurrency !== undefined) await queue.setGlobalConcurrency(patch.concurrency);
  if (patch.rateLimit === null) await queue.removeGlobalRateLimit();
  else if (patch.rateLimit) await queue.setGlobalRateLimit(patch.rateLimit.max, patch.rateLimit.durationMs);
  return queueLimits(queue);
}
