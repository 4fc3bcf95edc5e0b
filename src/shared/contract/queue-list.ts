import { z } from 'zod';
import { type } from './define';
import { EngineField, EngineName, type EngineCapabilities } from './engines';
import { CleanableState, QueuePrefix, QueueRef } from './queue-refs';
import { QueueName } from './task-model';

export const CleanInput = z
  .object({
    queue: QueueName,
    prefix: QueuePrefix,
    engine: EngineField,
    state: CleanableState,
    /** Only jobs older than this are removed. */
    olderThanMs: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1_000_000).default(100_000),
  })
  .strict();

/** Jobs per state; null where the engine cannot know (Celery keeps no per-queue record of finished tasks). */
export interface QueueCounts {
  waiting: number | null;
  active: number | null;
  delayed: number | null;
  prioritized: number | null;
  waitingChildren: number | null;
  completed: number | null;
  failed: number | null;
  paused: number | null;
}

export interface QueueSummary {
  name: string;
  prefix: string;
  engine: EngineName;
  counts: QueueCounts;
  paused: boolean;
  /** Workers connected to this queue now; null when the driver cannot tell. */
  workers: number | null;
  /** Waiting messages per priority level (Celery's kombu priority lists), highest first. */
  levels?: Array<{ priority: number; waiting: number }>;
}

/** The queues themselves: listing, engines, and acts on a whole queue. */
export const queueListMethods = {
  /** Every queue under the prefix, with counts; also starts the live `queues.events` / `queues.counts` feed. */
  'queues.list': {
    /** `refresh`: look for queues afresh now (a full SCAN); otherwise a big keyspace is answered from the cache. */
    input: z
      .object({ prefix: QueuePrefix, engine: EngineName.optional(), refresh: z.boolean().optional() })
      .strict(),
    output: type<QueueSummary[]>(),
  },
  /** Every engine with what it can do and know. */
  'queues.engines': { input: z.object({}).strict(), output: type<EngineCapabilities[]>() },
  'queues.pause': { input: QueueRef, output: type<QueueSummary>() },
  'queues.resume': { input: QueueRef, output: type<QueueSummary>() },
  'queues.clean': { input: CleanInput, output: type<{ removed: number }>() },
  /** Removes waiting (and with `delayed`, delayed) jobs; active and finished ones stay. */
  'queues.drain': {
    input: QueueRef.extend({ delayed: z.boolean().default(false) }).strict(),
    output: type<QueueSummary>(),
  },
  /**
   * Deletes the queue and every job in it; `force` also when jobs are active. A queue holding jobs needs `confirm`
   * equal to its job count (the sum of its counts).
   */
  'queues.obliterate': {
    input: QueueRef.extend({
      force: z.boolean().default(false),
      confirm: z.number().int().min(0).optional(),
    }).strict(),
    output: type<{ removedJobs: number }>(),
  },
};

export const queueListEvents = {
  /** Counts of every watched queue, sent when they change (at most about once a second). */
  /** `engine` says whose rows these are: a client replaces that engine's rows only. */
  'queues.counts': type<{ prefix: string; engine?: EngineName; queues: QueueSummary[] }>(),
};
