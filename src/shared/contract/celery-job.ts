/** What a Celery task message and its result say beyond the neutral fields. */
export interface CeleryJobInfo {
  /** PENDING (waiting, no result yet), RECEIVED, STARTED, SUCCESS, FAILURE, RETRY, REVOKED. */
  status: string;
  kwargs: Record<string, unknown>;
  eta: string | null;
  expires: string | null;
  retries: number;
  priority: number | null;
  parentId: string | null;
  rootId: string | null;
  groupId: string | null;
  /** The tasks still to run after this one, in order. */
  chain: Array<{ task: string; id: string | null }>;
  chord: { task: string; id: string | null } | null;
  callbacks: string[];
  errbacks: string[];
  timeLimit: { hard: number | null; soft: number | null };
  exception: { type: string; message: string; module: string | null } | null;
  traceback: string | null;
  dateDone: string | null;
  /** Reserved by a worker (kombu's unacked hash): since when, and seconds left of the visibility timeout. */
  reserved: { sinceMs: number; visibilityLeftSec: number } | null;
  /** Chord progress when this task is in a chord's header: header tasks done of how many. */
  chordProgress: { done: number; size: number } | null;
  /** Progress of a saved group (GroupResult.save(), or a group QueueDesk sent): members finished, failed, all. */
  groupProgress: { done: number; failed: number; size: number } | null;
}
