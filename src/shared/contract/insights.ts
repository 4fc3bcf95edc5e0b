import { z } from 'zod';
import { type } from './define';
import { EngineName } from './engines';
import type { JobSummary } from './jobs';
import { ListableState, QueuePrefix } from './queue-refs';
import { QueueName } from './task-model';

export const SearchJobsInput = z
  .object({
    /** A job id, a task name or a piece of the args, as the job list's search takes it. */
    text: z.string().trim().min(1).max(500),
    prefix: QueuePrefix,
    /** Every engine found on the connection unless told. */
    engine: EngineName.optional(),
    /** The states looked in; every state the engine lists unless told. */
    states: z.array(ListableState).min(1).max(20).optional(),
    /** Skip this many hits (the next page starts where the last ended). */
    offset: z.number().int().min(0).max(100_000).default(0),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export interface SearchHit extends JobSummary {
  engine: EngineName;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Hits found in all (the page is `hits`). */
  total: number;
  /** Jobs looked at, and queues. */
  scanned: number;
  queuesScanned: number;
  /** The scan stopped at its cap before the end: more jobs may match. */
  truncated: boolean;
  elapsedMs: number;
}

export const TaskStatsInput = z
  .object({
    /** One queue, or every queue under the prefix. */
    queue: QueueName.optional(),
    prefix: QueuePrefix,
    /** Jobs finished in the last `windowMs` (default one hour). */
    windowMs: z
      .number()
      .int()
      .min(1000)
      .max(30 * 24 * 3600_000)
      .default(3_600_000),
  })
  .strict();

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface TaskStat {
  task: string;
  completed: number;
  failed: number;
  /** failed / (completed + failed). */
  failureRate: number;
  /** Milliseconds from start to finish; null when no job of it finished in the window. */
  runMs: Percentiles | null;
  /** Milliseconds from due (created, or its delay run out) to start. */
  waitMs: Percentiles | null;
}

export interface TaskStats {
  windowMs: number;
  /** Per task name, most jobs first. */
  tasks: TaskStat[];
  /** Finished jobs read; jobs removed on completion/failure are gone and so not counted. */
  jobsRead: number;
  queuesScanned: number;
  /** Reading stopped at its cap (the newest jobs were read). */
  truncated: boolean;
}

export const insightsMethods = {
  /** Finds jobs by id, task or args across every queue under a prefix (and every engine), paged. */
  'jobs.search': { input: SearchJobsInput, output: type<SearchResult>() },
  /** Counts, failure rate and run/wait percentiles per task name over a window (BullMQ). */
  'queues.taskStats': { input: TaskStatsInput, output: type<TaskStats>() },
};
