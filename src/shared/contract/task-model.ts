import { z } from 'zod';

/**
 * The task model shared by every queue driver (BullMQ now, Celery next) and by beat schedules.
 * Arguments are any JSON value (BullMQ job data); `kwargs` exists for drivers that have them (Celery).
 */
export const JsonValue: z.ZodType<unknown> = z.unknown().refine(
  (v) => {
    try {
      return JSON.stringify(v) !== undefined;
    } catch {
      return false;
    }
  },
  { message: 'must be JSON' },
);

export const Backoff = z
  .object({
    type: z.enum(['fixed', 'exponential']),
    delayMs: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600_000),
    /** 0..1: share of the delay randomised, so retries of many jobs do not land together. */
    jitter: z.number().min(0).max(1).optional(),
  })
  .strict();

const KeepJobs = z.union([z.boolean(), z.number().int().min(0)]);

/** The option fields alone, for schemas that take a subset of them (job scheduler templates). */
export const TaskOptionFields = z
  .object({
    delayMs: z.number().int().min(0, 'delay cannot be negative').optional(),
    /** ISO time to run at; the driver turns it into a delay. */
    eta: z.iso.datetime({ offset: true }).optional(),
    /**
     * 1 is the highest priority; omitted means none. Celery gets `priority - 1` (kombu on Redis: 0 is highest,
     * rounded down into four lists 0/3/6/9), so the order is the same on both engines.
     */
    priority: z.number().int().min(1).max(2_097_152).optional(),
    attempts: z.number().int().min(1).max(1000).optional(),
    backoff: Backoff.optional(),
    /** A caller-chosen id: adding the same id twice keeps one job (de-duplication). */
    jobId: z
      .string()
      .min(1)
      .max(512)
      .regex(/^[^:]*$/, 'job id cannot contain ":"')
      .optional(),
    /** A job not started within this many ms after it became due is dropped (Celery's `expires`). */
    expiresMs: z.number().int().min(1).optional(),
    removeOnComplete: KeepJobs.optional(),
    removeOnFail: KeepJobs.optional(),
    lifo: z.boolean().optional(),
    /** Celery time limits in seconds: the soft one raises inside the task, the hard one kills its process. */
    softTimeLimitSec: z
      .number()
      .positive()
      .max(7 * 24 * 3600)
      .optional(),
    timeLimitSec: z
      .number()
      .positive()
      .max(7 * 24 * 3600)
      .optional(),
  })
  .strict();

export const TaskOptions = TaskOptionFields.refine((o) => o.delayMs === undefined || o.eta === undefined, {
  message: 'give a delay or an ETA, not both',
  path: ['eta'],
});
export type TaskOptions = z.infer<typeof TaskOptions>;

export const QueueName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^:\s]+$/, 'a queue name cannot contain ":" or spaces');

export const TaskName = z.string().trim().min(1).max(200);

/** Job states, neutral across drivers (BullMQ's names; Celery's map onto them). */
export const JobState = z.enum([
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
  'paused',
  'unknown',
]);
export type JobState = z.infer<typeof JobState>;
