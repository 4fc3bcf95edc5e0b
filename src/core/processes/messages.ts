import type { SharedOptions } from '../connection/client-factory';
import type { CurrentJob, LogLevel, TaskList } from '../../shared/contract';

/** How a worker process runs; sent by the supervisor in the `init` message (never in argv: it holds passwords). */
export interface WorkerSpec {
  kind: 'worker';
  id: string;
  /** JSON-safe: on a Redis Cluster it names the seed nodes and the child builds a Cluster client. */
  connection: SharedOptions;
  /** BullMQ key prefix, `bull` unless the project says otherwise. */
  prefix: string;
  queues: string[];
  concurrency: number;
  taskModule: string | null;
  /** BullMQ lock settings; defaults are BullMQ's. Short values make crash recovery fast (tests). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface BeatSpec {
  kind: 'beat';
  id: string;
  connection: SharedOptions;
  prefix: string;
  /** How long the leader lock lives without renewal. */
  lockTtlMs?: number;
}

export type ChildSpec = WorkerSpec | BeatSpec;

export interface ChildLogLine {
  ts: number;
  level: LogLevel;
  line: string;
  jobId?: string;
  queue?: string;
}

/** Supervisor → child. */
export type ToChild =
  | { type: 'init'; spec: ChildSpec }
  | { type: 'scale'; concurrency: number }
  /**
   * Drain and exit (the same as SIGTERM; utilityProcess has no signals on every platform). Running jobs get
   * `graceMs` to finish; then, or at once when Redis is gone (nothing can finish), the process exits anyway.
   */
  | { type: 'stop'; graceMs?: number }
  /** To the short-lived task lister: load this module and answer with the registry. */
  | { type: 'list-tasks'; module: string };

/** Child → supervisor. */
export type FromChild =
  | { type: 'ready'; pid: number }
  | {
      type: 'heartbeat';
      at: number;
      currentJobs: CurrentJob[];
      completed: number;
      failed: number;
      leader?: boolean;
    }
  | { type: 'logs'; lines: ChildLogLine[]; dropped: number }
  /** Beat fired or changed schedules: the host refreshes `beat.changed`. */
  | { type: 'schedules-changed' }
  | { type: 'fatal'; message: string }
  | { type: 'tasks'; list: TaskList };

export function isFromChild(m: unknown): m is FromChild {
  return !!m && typeof m === 'object' && typeof (m as { type?: unknown }).type === 'string';
}

export function isToChild(m: unknown): m is ToChild {
  return isFromChild(m);
}
