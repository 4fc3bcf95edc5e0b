import { z } from 'zod';
import { type } from './define';
import type { CurrentJob } from './processes';
import { QueuePrefix } from './queues';

/**
 * A QueueDesk worker as it announces itself in Redis (every few seconds, with a short expiry), whichever machine
 * runs it: the app's own workers and `queuedesk worker` anywhere else.
 */
export interface WorkerPresence {
  /** The BullMQ worker name its connections carry (`queuedesk-<id>`). */
  workerName: string;
  /** Machine name (os.hostname(), or QUEUEDESK_HOST_NAME where that means nothing, as in containers). */
  host: string;
  pid: number;
  /** `app`: started from a QueueDesk window or serve; `cli`: `queuedesk worker`. */
  via: 'app' | 'cli';
  prefix: string;
  queues: string[];
  concurrency: number;
  currentJobs: CurrentJob[];
  completed: number;
  failed: number;
  startedAt: number;
  heartbeatAt: number;
}

/** A worker connected to a queue, QueueDesk's (with its presence) or another app's (CLIENT LIST only). */
export interface ConnectedWorker {
  queue: string;
  name: string;
  addr: string;
  ageSec: number;
  idleSec: number;
  queuedesk: boolean;
  presence?: WorkerPresence;
}

export interface WorkersEverywhere {
  /** Every worker connected to a queue under the prefix, by queue then name. */
  workers: ConnectedWorker[];
  /** QueueDesk workers that announced themselves: every host. */
  presences: WorkerPresence[];
  hosts: string[];
}

export const presenceMethods = {
  /** Every worker of every queue under the prefix, on every machine, QueueDesk's marked with host and pid. */
  'workers.everywhere': {
    input: z.object({ prefix: QueuePrefix }).strict(),
    output: type<WorkersEverywhere>(),
  },
};
