import { z } from 'zod';
import { EngineField } from './engines';
import { JobState, QueueName } from './task-model';

/** Key prefix the queues live under (BullMQ's `prefix`); `bull` unless the app chose another. */
export const QueuePrefix = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\s*?[\]]+$/, 'a prefix cannot contain spaces or glob characters')
  .default('bull');

/** States a job list can show (every state but "unknown"). */
export const ListableState = JobState.exclude(['unknown']);
export type ListableState = z.infer<typeof ListableState>;

/** States `queues.clean` can empty (BullMQ cannot clean waiting-children). */
export const CleanableState = z.enum([
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'paused',
  'completed',
  'failed',
]);
export type CleanableState = z.infer<typeof CleanableState>;

export const QueueRef = z.object({ queue: QueueName, prefix: QueuePrefix, engine: EngineField }).strict();
export const JobId = z.string().min(1).max(512);
export const JobRef = z
  .object({ queue: QueueName, id: JobId, prefix: QueuePrefix, engine: EngineField })
  .strict();
