import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { WorkerPresence } from '../../shared/contract/presence';

/** Each worker's announcement lives this long unless renewed, so a killed machine's workers drop out. */
export const PRESENCE_TTL_MS = 30_000;
const RENEW_MS = 10_000;
const TOUCH_MS = 1000;
const INDEX = 'queuedesk:workers';
const keyOf = (id: string): string => `queuedesk:worker:${id}`;

/** The machine's name as QueueDesk shows it; containers often have meaningless host names. */
export function machineName(): string {
  return process.env.QUEUEDESK_HOST_NAME?.trim() || hostname();
}

/**
 * Announces a worker in Redis: one small key with an expiry, renewed every few seconds (one SET), listed in an
 * index set, so any QueueDesk on the same Redis sees every machine's workers with host, pid and current jobs.
 */
export interface Announcement {
  /** Something shown changed (a job started or ended): write it soon, at most once a second. */
  touch(): void;
  stop(): Promise<void>;
}

export function announce(redis: Redis, id: string, read: () => WorkerPresence): Announcement {
  let soon: NodeJS.Timeout | null = null;
  const write = (): void => {
    redis
      .multi()
      .set(keyOf(id), JSON.stringify(read()), 'PX', PRESENCE_TTL_MS)
      .sadd(INDEX, id)
      .exec()
      .catch(() => undefined); // Redis away: the next renewal tries again
  };
  write();
  const timer = setInterval(write, RENEW_MS);
  timer.unref();
  return {
    touch() {
      soon ??= setTimeout(() => {
        soon = null;
        write();
      }, TOUCH_MS).unref();
    },
    async stop() {
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      await redis
        .multi()
        .del(keyOf(id))
        .srem(INDEX, id)
        .exec()
        .catch(() => undefined);
    },
  };
}

/** Every worker announced on this Redis; ids whose key expired (a crashed machine) are dropped from the index. */
export async function readPresences(redis: Redis): Promise<WorkerPresence[]> {
  const ids = await redis.smembers(INDEX);
  if (ids.length === 0) return [];
  const values = await redis.mget(ids.map(keyOf));
  const gone = ids.filter((_, i) => values[i] === null);
  if (gone.length) await redis.srem(INDEX, ...gone);
  const out: WorkerPresence[] = [];
  for (const v of values) {
    if (v === null) continue;
    try {
      out.push(JSON.parse(v) as WorkerPresence);
    } catch {
      // not one of ours
    }
  }
  return out.sort((a, b) => a.host.localeCompare(b.host) || a.pid - b.pid);
}
