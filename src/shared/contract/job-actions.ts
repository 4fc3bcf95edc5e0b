import { z } from 'zod';
import { type } from './define';
import { EngineField } from './engines';
import type { JobDetail } from './jobs';
import { JobId, JobRef, ListableState, QueuePrefix } from './queue-refs';
import { JsonValue, QueueName, type JobState } from './task-model';

/** What `jobs.bulk` does to each selected job. */
export const BulkAction = z.enum(['retry', 'remove', 'promote']);
export type BulkAction = z.infer<typeof BulkAction>;

/** At most this many jobs per bulk action (a selection, or the matches of a search). */
export const BULK_MAX = 100_000;

export const BulkInput = z
  .object({
    queue: QueueName,
    prefix: QueuePrefix,
    engine: EngineField,
    action: BulkAction,
    /** The jobs picked one by one… */
    ids: z.array(JobId).min(1).max(BULK_MAX).optional(),
    /** …or every job of a state matching a search (id, task or args), as the job list shows them. */
    match: z
      .object({ state: ListableState, search: z.string().max(500).optional() })
      .strict()
      .optional(),
    /** Removing: the number of jobs it would remove, as the user saw it. */
    confirm: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((b) => (b.ids === undefined) !== (b.match === undefined), {
    message: 'give ids or match, exactly one',
    path: ['ids'],
  });
export type BulkInput = z.output<typeof BulkInput>;

export interface BulkResult {
  action: BulkAction;
  /** Jobs selected (ids given, or matches found). */
  matched: number;
  done: number;
  /** Jobs the action could not be applied to and why (the first 100). */
  failed: Array<{ id: string; reason: string }>;
  failedCount: number;
  /** A search stopped at its scan cap: more jobs may match. */
  truncated?: boolean;
  elapsedMs: number;
}

const MAX_PRIORITY = 2 ** 21 - 1;

export const UpdateJobInput = JobRef.extend({
  /** New args (job data), as a value or as JSON text the server parses. */
  data: JsonValue.optional(),
  dataJson: z.string().max(10_000_000).optional(),
  /** 0 takes the priority away; 1 is the highest. */
  priority: z.number().int().min(0).max(MAX_PRIORITY).optional(),
  /** A delayed job's new delay, counted from now. */
  delayMs: z
    .number()
    .int()
    .min(0)
    .max(366 * 24 * 3600_000)
    .optional(),
})
  .strict()
  .refine((u) => !(u.data !== undefined && u.dataJson !== undefined), {
    message: 'give data or dataJson, not both',
    path: ['dataJson'],
  })
  .refine(
    (u) =>
      u.data !== undefined || u.dataJson !== undefined || u.priority !== undefined || u.delayMs !== undefined,
    { message: 'nothing to change: give data, priority or delayMs', path: ['data'] },
  );
export type UpdateJobInput = z.output<typeof UpdateJobInput>;

export const jobActionsMethods = {
  /**
   * Stops an active job on the QueueDesk worker running it (BullMQ's worker cancellation: the task's abort
   * signal fires) and fails it with reason "cancelled", without retries. Workers of other apps cannot be reached.
   */
  'jobs.cancel': {
    input: JobRef.extend({ reason: z.string().trim().max(500).optional() }).strict(),
    output: type<{ cancelled: boolean; state: JobState; worker?: string }>(),
  },
  /** Retries, removes or promotes many jobs at once; removing asks for the count first (confirm). */
  'jobs.bulk': { input: BulkInput, output: type<BulkResult>() },
  /** Changes a waiting, prioritized or delayed job in place: its data, priority, delay. */
  'jobs.update': { input: UpdateJobInput, output: type<JobDetail>() },
  /** Appends a line to the job's log. */
  'jobs.addLog': {
    input: JobRef.extend({ line: z.string().min(1).max(10_000) }).strict(),
    output: type<{ logCount: number }>(),
  },
  /** Frees a deduplication id, so a job added with it is no longer ignored. */
  'jobs.removeDeduplication': {
    input: z
      .object({
        queue: QueueName,
        prefix: QueuePrefix,
        engine: EngineField,
        deduplicationId: z.string().min(1).max(512),
      })
      .strict(),
    output: type<{ removed: boolean }>(),
  },
};
