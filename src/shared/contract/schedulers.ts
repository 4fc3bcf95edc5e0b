import { z } from 'zod';
import { type } from './define';
import { EngineField } from './engines';
import { TimeZone } from './processes';
import { parseArgs } from './job-input';
import { QueuePrefix } from './queue-refs';
import { JsonValue, QueueName, TaskName, TaskOptionFields, type TaskOptions } from './task-model';

/**
 * BullMQ job schedulers (`Queue.upsertJobScheduler`, BullMQ's one repeat mechanism since v6): a job factory
 * per id that keeps one delayed job ("the pending job") for its next run.
 */
export const SchedulerId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\s]+$/, 'a scheduler id cannot contain spaces');

/** What a scheduler's jobs are added with; timing options belong to the schedule, not the template. */
const TemplateOptions = TaskOptionFields.pick({
  priority: true,
  attempts: true,
  backoff: true,
  removeOnComplete: true,
  removeOnFail: true,
  lifo: true,
}).strict();

const EpochOrIso = z.union([z.number().int().min(0), z.iso.datetime({ offset: true })]);

export const UpsertSchedulerInput = z
  .object({
    queue: QueueName,
    prefix: QueuePrefix,
    engine: EngineField,
    id: SchedulerId,
    /** Milliseconds between runs (first run at once), or a cron pattern (checked by the server) with `tz`. */
    every: z
      .number()
      .int()
      .min(100, 'every must be at least 100 ms')
      .max(366 * 24 * 3600_000)
      .optional(),
    pattern: z.string().trim().min(1).max(200).optional(),
    tz: TimeZone.optional(),
    /** Stop after this many runs in all. */
    limit: z.number().int().min(1).max(1_000_000_000).optional(),
    startDate: EpochOrIso.optional(),
    endDate: EpochOrIso.optional(),
    task: TaskName,
    args: JsonValue.optional(),
    argsJson: z.string().max(1_000_000).optional(),
    options: TemplateOptions.optional(),
  })
  .strict()
  .refine((s) => (s.every === undefined) !== (s.pattern === undefined), {
    message: 'give every (ms) or a cron pattern, exactly one',
    path: ['every'],
  })
  .refine((s) => s.tz === undefined || s.pattern !== undefined, {
    message: 'a time zone applies to a cron pattern only',
    path: ['tz'],
  })
  .transform(parseArgs);
export type UpsertSchedulerInput = z.output<typeof UpsertSchedulerInput>;

const SchedulerRef = z
  .object({ queue: QueueName, prefix: QueuePrefix, engine: EngineField, id: SchedulerId })
  .strict();

export interface SchedulerSummary {
  engine: 'bullmq';
  queue: string;
  prefix: string;
  id: string;
  /** The task (job name) its jobs get. */
  task: string;
  every: number | null;
  pattern: string | null;
  tz: string | null;
  /** Epoch ms of the next run; null once a limit or end date is reached. */
  next: number | null;
  /** Runs planned so far (BullMQ counts the pending one). */
  iterationCount: number | null;
  limit: number | null;
  startDate: number | null;
  endDate: number | null;
  args: unknown;
  options: TaskOptions;
  /** The delayed (or, for `every`, waiting) job of its next run, while it exists. */
  pendingJobId: string | null;
}

export interface SchedulerList {
  schedulers: SchedulerSummary[];
  /** Queues looked at (every queue under the prefix, or the one asked for). */
  queuesScanned: number;
}

export const schedulersMethods = {
  /** Every scheduler of one queue, or of every queue under the prefix, by next run. */
  'schedulers.list': {
    input: z.object({ queue: QueueName.optional(), prefix: QueuePrefix, engine: EngineField }).strict(),
    output: type<SchedulerList>(),
  },
  /** Creates or replaces (same id) a scheduler; its next run is planned again from now. */
  'schedulers.upsert': { input: UpsertSchedulerInput, output: type<SchedulerSummary>() },
  /** Removes it and its pending job; answers what it was, so the caller can put it back. */
  'schedulers.remove': { input: SchedulerRef, output: type<{ removed: SchedulerSummary }>() },
  /** One ordinary job from its template, now; the schedule is untouched. */
  'schedulers.run': { input: SchedulerRef, output: type<{ jobId: string }>() },
};
