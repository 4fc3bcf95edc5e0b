import { z } from 'zod';
import { type } from './define';
import { QueueRef } from './queue-refs';
import { TaskName } from './task-model';

export interface WorkerSummary {
  name: string;
  addr: string;
  ageSec: number;
  idleSec: number;
  /** From Celery remote control (stats, active) and heartbeats; absent for BullMQ. */
  hostname?: string;
  pid?: number | null;
  pool?: string | null;
  concurrency?: number | null;
  processed?: number | null;
  active?: number | null;
  /** Epoch ms of the last heartbeat seen; null when none was seen yet. */
  lastHeartbeat?: number | null;
  /** BullMQ: one of QueueDesk's own workers (then with host, pid… from its announcement), not another app's. */
  queuedesk?: boolean;
}

/** One worker's answer to a remote-control act (pool resize, rate limit). */
export interface ControlReply {
  hostname: string;
  ok: boolean;
  message: string;
}

/** Celery's rate syntax: tasks per second, minute or hour ("10/m"); "0" lifts the limit. */
const TaskRate = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,6})?(\/[smh])?$/, 'a rate is a number of tasks, optionally per s, m or h: "10/m"');

export const workersMethods = {
  'queues.workers': { input: QueueRef, output: type<WorkerSummary[]>() },
  /** Grows (delta > 0) or shrinks one worker's pool in place, by remote control; answers with its reply. */
  'workers.poolResize': {
    input: QueueRef.extend({
      hostname: z.string().min(1).max(255),
      delta: z
        .number()
        .int()
        .min(-100)
        .max(100)
        .refine((d) => d !== 0, 'delta cannot be 0'),
    }).strict(),
    output: type<{ replies: ControlReply[] }>(),
  },
  /** Sets a task type's rate limit on the workers of a queue; answers with their replies. */
  'tasks.rateLimit': {
    input: QueueRef.extend({ task: TaskName, rate: TaskRate }).strict(),
    output: type<{ replies: ControlReply[] }>(),
  },
};
