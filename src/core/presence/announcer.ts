import { hostname } from 'node:os';
import { isCluster, type AnyRedis } from '../connection/any-redis';

/** The machine's name as QueueDesk shows it; containers often have meaningless host names. */
export function machineName(): string {
  return process.env.QUEUEDESK_HOST_NAME?.trim() || hostname();
}

/** Where one kind of process announces itself: a key per process (with an expiry) listed in an index set. */
export interface PresenceSpace {
  index: string;
  keyOf(id: string): string;
  /** An announcement lives this long unless renewed, so a killed machine's processes drop out. */
  ttlMs: number;
  renewMs: number;
}

export interface Announcement {
  /** Something shown changed (a job started or ended): write it soon, at most once a second. */
  touch(): void;
  /** Something that must show at once changed (a beat took the lead): write it now. */
  writeNow(): Promise<void>;
  stop(): Promise<void>;
}

const TOUCH_MS = 1000;

/**
 * Announces a process in Redis: one small key with an expiry, renewed every few seconds (one SET), listed in an
 * index set, so any QueueDesk on the same Redis sees every machine's processes with host and pid.
 */
export function announceIn(
  space: PresenceSpace,
  redis: AnyRedis,
  id: string,
  read: () => unknown,
): Announcement {
  let soon: NodeJS.Timeout | null = null;
  // Two commands, not MULTI: on a cluster the key and the index live in different slots. The key comes first,
  // so a reader never finds an id in the index whose key was not written yet (and drops it).
  const write = (): Promise<void> =>
    redis
      .set(space.keyOf(id), JSON.stringify(read()), 'PX', space.ttlMs)
      .then(() => redis.sadd(space.index, id))
      .then(
        () => undefined,
        () => undefined, // Redis away: the next renewal tries again
      );
  void write();
  const timer = setInterval(() => void write(), space.renewMs);
  timer.unref();
  return {
    touch() {
      soon ??= setTimeout(() => {
        soon = null;
        void write();
      }, TOUCH_MS).unref();
    },
    writeNow: write,
    async stop() {
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      await redis
        .srem(space.index, id)
        .then(() => redis.del(space.keyOf(id)))
        .catch(() => undefined);
    },
  };
}

/** Every announcement in a space; ids whose key expired (a crashed machine) are dropped from the index. */
export async function readAnnounced<T>(
  space: PresenceSpace,
  redis: AnyRedis,
): Promise<Array<{ id: string; value: T }>> {
  const ids = await redis.smembers(space.index);
  if (ids.length === 0) return [];
  const values = await readAll(redis, ids.map(space.keyOf));
  const gone = ids.filter((_, i) => values[i] === null);
  if (gone.length) await redis.srem(space.index, ...gone);
  const out: Array<{ id: string; value: T }> = [];
  values.forEach((v, i) => {
    if (v === null) return;
    try {
      out.push({ id: ids[i] as string, value: JSON.parse(v) as T });
    } catch {
      // not one of ours
    }
  });
  return out;
}

/** MGET on one server; on a cluster one GET per key (the keys hash to different slots), sent at once. */
function readAll(redis: AnyRedis, keys: string[]): Promise<Array<string | null>> {
  if (!isCluster(redis)) return redis.mget(keys);
  return Promise.all(keys.map((key) => redis.get(key)));
}
