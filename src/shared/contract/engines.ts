import { z } from 'zod';
import type { ListableState } from './queue-refs';

/** Queue engines QueueDesk drives (`bull` is legacy Bull v4); every queue/job reference names one (BullMQ unless told). */
export const ENGINES = ['bullmq', 'celery', 'bull'] as const;
export const EngineName = z.enum(ENGINES);
export type EngineName = z.infer<typeof EngineName>;
export const EngineField = EngineName.default('bullmq');

/** Actions a queue/job method performs; an engine lacking one answers UNSUPPORTED. */
export const ENGINE_ACTIONS = [
  'pause',
  'clean',
  'drain',
  'obliterate',
  'remove',
  'retry',
  'promote',
  'revoke',
  'flows',
  'workers',
  'tasks',
  /** Job schedulers that live in the queue (BullMQ's upsertJobScheduler). */
  'schedulers',
  /** Stop an active job on the worker running it, as a failure without retries. */
  'cancel',
  /** Change a waiting or delayed job's data, priority or delay in place; add log lines. */
  'edit',
  /** Queue-wide concurrency and rate limit that every worker honours (BullMQ's global limits). */
  'limits',
] as const;
export type EngineAction = (typeof ENGINE_ACTIONS)[number];

/** What one engine can do and know, as `queues.engines` reports it (the UI hides what is missing). */
export interface EngineCapabilities {
  engine: EngineName;
  /** States its job lists can show. */
  states: ListableState[];
  actions: Record<EngineAction, boolean>;
  /** Task options it honours beside the task and args. */
  options: {
    kwargs: boolean;
    priority: boolean;
    lifo: boolean;
    attempts: boolean;
    removeOnFinish: boolean;
    /** A repeated jobId keeps one job. */
    dedupe: boolean;
    timeLimits: boolean;
    /** link / linkError callbacks. */
    links: boolean;
    /** `expiresMs`: a job that starts after its deadline fails instead of running (legacy Bull's workers cannot). */
    expiry: boolean;
  };
  logs: boolean;
  progress: boolean;
  /** Counts come from exact structures (BullMQ) rather than being partly unknowable (null) as in Celery. */
  exactCounts: boolean;
  /** Whether `queues.list` needs a key prefix to find this engine's queues. */
  usesPrefix: boolean;
}
