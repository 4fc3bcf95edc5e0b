import type { AnyRedis } from '../connection/any-redis';
import type { WorkerPresence } from '../../shared/contract/presence';
import { announceIn, readAnnounced, type Announcement, type PresenceSpace } from '../presence/announcer';

export { machineName, type Announcement } from '../presence/announcer';

/** Each worker's announcement lives this long unless renewed, so a killed machine's workers drop out. */
export const PRESENCE_TTL_MS = 30_000;

const WORKERS: PresenceSpace = {
  index: 'queuedesk:workers',
  keyOf: (id) => `queuedesk:worker:${id}`,
  ttlMs: PRESENCE_TTL_MS,
  renewMs: 10_000,
};

/** Announces a worker: any QueueDesk on the same Redis sees every machine's workers with host, pid and jobs. */
export function announce(redis: AnyRedis, id: string, read: () => WorkerPresence): Announcement {
  return announceIn(WORKERS, redis, id, read);
}

/** Every worker announced on this Redis, by host then pid. */
export async function readPresences(redis: AnyRedis): Promise<WorkerPresence[]> {
  const all = await readAnnounced<WorkerPresence>(WORKERS, redis);
  return all.map((a) => a.value).sort((a, b) => a.host.localeCompare(b.host) || a.pid - b.pid);
}
