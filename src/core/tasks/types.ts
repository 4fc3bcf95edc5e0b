import type { AnyRedis } from '../connection/any-redis';

/** What a task handler receives: the job's args and a few tools. The shape user modules code against. */
export interface TaskContext<A = unknown> {
  args: A;
  jobId: string;
  queue: string;
  task: string;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
  progress(value: number | object): Promise<void>;
  /** Appends a line to the job's log (shown in the job view) and to the worker's log. */
  log(line: string): Promise<void>;
  /** Aborted when the worker shuts down hard or the job is cancelled. */
  signal: AbortSignal;
  /** The single child's return value (a chain's previous step), if the job has exactly one child. */
  previous: unknown;
  /** All children's return values (a chord callback), in no particular order. */
  childResults: unknown[];
}

/** Services only built-in tasks use (user handlers get just the context). */
export interface TaskServices {
  redis: AnyRedis;
}

export type TaskHandler = (ctx: TaskContext, services: TaskServices) => unknown;

export interface TaskDefinition {
  name: string;
  source: 'builtin' | 'module';
  description?: string;
  argsSchema?: unknown;
  example?: unknown;
  /** Whether the handler may read `previous` / `childResults` (a Redis round trip per job to fetch). */
  readsChildren: boolean;
  run: TaskHandler;
}
