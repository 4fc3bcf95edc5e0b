import { z } from 'zod';
import { type } from './define';
import { EngineField } from './engines';
import { QueuePrefix } from './queue-refs';
import { type JobState, QueueName } from './task-model';

/** A change in one job's life, as `queues.events` carries it. */
export interface JobEvent {
  queue: string;
  prefix: string;
  id: string;
  /** The state entered, or `removed` / `progress` / `stalled`. */
  kind: JobState | 'removed' | 'progress' | 'stalled';
  ts: number;
  /** The task name, where the event carries it (Celery: task-sent and task-received). */
  task?: string;
  failedReason?: string;
  /** Left out when over ~2 KB; jobs.get has it. */
  returnValue?: unknown;
  progress?: unknown;
}

export const queueEventsMethods = {
  /**
   * Job events the engine kept (Celery: the last 10 000 its workers sent, stored in Redis), oldest first, so a
   * viewer started after the tasks ran still sees their recent states.
   */
  'queues.eventHistory': {
    input: z
      .object({
        prefix: QueuePrefix,
        engine: EngineField,
        queue: QueueName.optional(),
        limit: z.number().int().min(1).max(10_000).default(200),
      })
      .strict(),
    output: type<{ events: JobEvent[] }>(),
  },
};

export const queueEventsEvents = {
  /** Job state changes, batched every ~200 ms; `dropped` counts events cut by the per-batch cap. */
  'queues.events': type<{ events: JobEvent[]; dropped: number }>(),
};
