import { z } from 'zod';
import { type } from './define';
import { EngineField, type EngineName } from './engines';
import type { CeleryJobInfo } from './celery-job';
import { AddCopiesInput, AddJobInput } from './job-input';
import { JobRef, ListableState, QueuePrefix, QueueRef } from './queue-refs';
import { type JobState, QueueName, type TaskOptions } from './task-model';

export const ListJobsInput = z
  .object({
    queue: QueueName,
    prefix: QueuePrefix,
    engine: EngineField,
    state: ListableState,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50),
    order: z.enum(['newest', 'oldest']).default('newest'),
    /** Case-insensitive substring of the id, the task name or the JSON args. */
    search: z.string().max(500).optional(),
  })
  .strict();
export type ListJobsInput = z.output<typeof ListJobsInput>;

export interface JobTimestamps {
  /** null where the engine records no creation time (a Celery message carries none). */
  created: number | null;
  processed?: number;
  finished?: number;
  /** When a delayed job becomes due. */
  due?: number;
  /** When the job was last retried by hand (its latest enqueue); only `jobs.get` reads it. */
  retried?: number;
}

/** A row of `jobs.list`: enough for a table, args cut short. */
export interface JobSummary {
  id: string;
  queue: string;
  task: string;
  state: JobState;
  /** The JSON args, cut to 300 characters. */
  argsPreview: string;
  attemptsMade: number;
  /** null where attempts are decided inside the task (Celery's max_retries). */
  maxAttempts: number | null;
  progress: unknown;
  failedReason?: string;
  timestamps: JobTimestamps;
  /** The job scheduler whose run this job is (BullMQ); it cannot be removed on its own. */
  scheduler?: string;
}

export interface JobRefDto {
  queue: string;
  id: string;
}

export interface JobChild extends JobRefDto {
  state: JobState;
  task?: string;
  returnValue?: unknown;
  failedReason?: string;
}

export interface JobDetail extends Omit<JobSummary, 'argsPreview'> {
  args: unknown;
  /** The options as the driver stored them (BullMQ's job options). */
  options: Record<string, unknown>;
  /** The same as task options, for "edit and add again". */
  taskOptions: TaskOptions;
  priority: number;
  returnValue: unknown;
  stacktrace: string[];
  logs: string[];
  logCount: number;
  parent?: JobRefDto;
  children: JobChild[];
  /** Expiry deadline (epoch ms) from `TaskOptions.expiresMs`. */
  expiresAt?: number;
  /** The deduplication id it was added with (BullMQ): adds with the same id are ignored while it holds it. */
  deduplicationId?: string;
  engine?: EngineName;
  celery?: CeleryJobInfo;
}

export interface JobPage {
  jobs: JobSummary[];
  /** Jobs in the state; with a search, the matches found among the ones scanned. */
  total: number;
  /** With a search: whether scanning stopped at its cap before the end of the state. */
  truncated?: boolean;
}

export const jobsMethods = {
  'jobs.list': { input: ListJobsInput, output: type<JobPage>() },
  'jobs.get': { input: JobRef, output: type<JobDetail>() },
  'jobs.add': { input: AddJobInput, output: type<{ id: string }>() },
  /** `count` copies via bulk adds, reporting `jobs.addProgress`; a jobId gets `-1`, `-2`… appended. */
  'jobs.addCopies': {
    input: AddCopiesInput,
    output: type<{ added: number; firstId: string; lastId: string; elapsedMs: number }>(),
  },
  /** A failed (or completed) job back to waiting. */
  'jobs.retry': { input: JobRef, output: type<{ id: string; state: JobState }>() },
  'jobs.remove': { input: JobRef, output: type<{ removed: boolean }>() },
  /** A delayed job to waiting now. */
  'jobs.promote': { input: JobRef, output: type<{ id: string; state: JobState }>() },
  'jobs.retryAll': {
    input: QueueRef.extend({ state: z.enum(['failed', 'completed']).default('failed') }).strict(),
    output: type<{ retried: number }>(),
  },
  'jobs.promoteAll': { input: QueueRef, output: type<{ promoted: number }>() },
  /** Stops a task: a waiting one is discarded when a worker gets it; `terminate` also kills a running one. */
  'jobs.revoke': {
    input: JobRef.extend({
      terminate: z.boolean().default(false),
      signal: z.enum(['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGUSR1']).default('SIGTERM'),
    }).strict(),
    output: type<{ id: string; revoked: true }>(),
  },
};

export const jobsEvents = {
  'jobs.addProgress': type<{ opId?: string; queue: string; added: number; total: number }>(),
};
