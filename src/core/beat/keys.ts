/** QueueDesk's own Redis keys for beat, all under `queuedesk:` so they never mix with the app's or BullMQ's. */
export const APP_PREFIX = 'queuedesk:';

export const beatKeys = {
  /** HASH id → schedule definition (JSON). Written by the API and config upserts. */
  schedules: `${APP_PREFIX}beat:schedules`,
  /** HASH id → run state (JSON: lastRunAt, nextRunAt, runCount). Advanced by the leader, compare-and-set. */
  state: `${APP_PREFIX}beat:state`,
  /** HASH id → removed schedule (JSON: def, state, removedAt), for `beat.restore`; entries go after 7 days. */
  trash: `${APP_PREFIX}beat:trash`,
  /**
   * HASH schedule id → due time of the last tick sent, for engines that do not drop a repeated job id (Celery):
   * a beat that lost the lock mid-round cannot send that tick again.
   */
  sent: `${APP_PREFIX}beat:sent`,
  /** STRING token of the leading beat, with an expiry renewed while it lives. */
  lock: `${APP_PREFIX}beat:lock`,
  /** Pub/sub channel: "schedules changed or fired", so every app instance on this Redis can refresh its list. */
  changed: `${APP_PREFIX}beat:changed`,
};

/** The BullMQ job id of one tick: the same tick enqueued twice is one job. */
export function tickJobId(scheduleId: string, due: number): string {
  return `beat-${scheduleId}-${due}`;
}
