import { z } from 'zod';
import { type } from './define';
import type { CurrentJob } from './processes';
import { QueuePrefix } from './queue-refs';

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

/** A beat process as it announces itself in Redis (the app's own or `queuedesk beat`, on any machine). */
export interface BeatMember {
  /** Its lock token: the leader is the member whose token the lock holds. */
  token: string;
  host: string;
  pid: number;
  via: 'app' | 'cli';
  startedAt: number;
  heartbeatAt: number;
  /** When it took the lead, while it leads. */
  leaderSince: number | null;
  lockTtlMs: number;
}

/** Who fires the schedules on this Redis, and who stands by to take over. */
export interface BeatLeadership {
  /** null while nobody holds the lock (no beat runs, or the leader died and its lock has not expired yet). */
  leader: BeatMember | null;
  /** true when the lock is held by a beat that did not announce itself (an older QueueDesk). */
  unknownLeader: boolean;
  /** Time left on the leader's lock, ms; null when nobody holds it. */
  lockExpiresInMs: number | null;
  standbys: BeatMember[];
  /**
   * Beats whose last word was "leading" though the lock is no longer theirs: killed, frozen or cut off (a live
   * one says "standing by" within a round). They drop out when their announcement expires.
   */
  silent: BeatMember[];
  hosts: string[];
}

export const presenceMethods = {
  /** The beat that leads on this Redis (with its host and pid) and the standbys, on every machine. */
  'beat.leader': { input: z.object({}).strict(), output: type<BeatLeadership>() },
  /** Every worker of every queue under the prefix, on every machine, QueueDesk's marked with host and pid. */
  'workers.everywhere': {
    input: z.object({ prefix: QueuePrefix }).strict(),
    output: type<WorkersEverywhere>(),
  },
};
