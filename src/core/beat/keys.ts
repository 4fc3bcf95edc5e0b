import { isCluster, type AnyRedis } from '../connection/any-redis';

/** QueueDesk's own Redis keys for beat, all under `queuedesk:` so they never mix with the app's or BullMQ's. */
export const APP_PREFIX = 'queuedesk:';

export interface BeatKeys {
  /** HASH id → schedule definition (JSON). Written by the API and config upserts. */
  schedules: string;
  /** HASH id → run state (JSON: lastRunAt, nextRunAt, runCount). Advanced by the leader, compare-and-set. */
  state: string;
  /** HASH id → removed schedule (JSON: def, state, removedAt), for `beat.restore`; entries go after 7 days. */
  trash: string;
  /**
   * HASH schedule id → due time of the last tick claimed (tick-slot.ts): a tick is claimed once, atomically, by
   * the lock holder, so no beat sends it again, even one that lost the lock mid-round.
   */
  sent: string;
  /** HASH schedule id → "<due>:<token>" of a claimed tick whose send is not confirmed yet. */
  claims: string;
  /** STRING token of the leading beat, with an expiry renewed while it lives. */
  lock: string;
  /** Pub/sub channel: "schedules changed or fired", so every app instance on this Redis can refresh its list. */
  changed: string;
}

function keysUnder(head: string): BeatKeys {
  return {
    schedules: `${head}schedules`,
    state: `${head}state`,
    trash: `${head}trash`,
    sent: `${head}sent`,
    claims: `${head}claims`,
    lock: `${head}lock`,
    changed: `${APP_PREFIX}beat:changed`,
  };
}

/** The names on one server (Sentinel, URL, embedded): unchanged, so existing schedules stay where they are. */
export const beatKeys = keysUnder(`${APP_PREFIX}beat:`);

/**
 * The names on a Redis Cluster: one hash tag puts them in one slot, which the lock-checking scripts and MULTI
 * over several of them need. Beat never ran on a cluster before, so there is nothing to migrate.
 */
export const clusterBeatKeys = keysUnder(`${APP_PREFIX}{beat}:`);

export function beatKeysOf(redis: AnyRedis): BeatKeys {
  return isCluster(redis) ? clusterBeatKeys : beatKeys;
}

/** The BullMQ job id of one tick: the same tick enqueued twice is one job. */
export function tickJobId(scheduleId: string, due: number): string {
  return `beat-${scheduleId}-${due}`;
}
