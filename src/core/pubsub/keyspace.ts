import type { Redis } from 'ioredis';
import { ApiError } from '../../shared/result';

export const DEFAULT_KEYSPACE_FLAGS = 'EA';
const SETTING = 'notify-keyspace-events';

/** The pattern that carries key events (set, del, expired…) of one database, the key as payload. */
export function keyeventPattern(db: number): string {
  return `__keyevent@${db}__:*`;
}

/** Turns notifications on, keeping whatever flags the server already had; returns the value to restore later. */
export async function enableNotifications(
  client: Redis,
  flags: string,
): Promise<{ previous: string; now: string }> {
  const previous = await configGet(client);
  const merged = [...new Set([...previous, ...flags])].join('');
  await refusable(() => client.config('SET', SETTING, merged));
  return { previous, now: await configGet(client) };
}

export async function restoreNotifications(client: Redis, previous: string): Promise<void> {
  await refusable(() => client.config('SET', SETTING, previous));
}

async function configGet(client: Redis): Promise<string> {
  const reply = (await refusable(() => client.config('GET', SETTING))) as string[];
  return reply[1] ?? '';
}

/** Managed Redis services often rename or forbid CONFIG: say so plainly, with what the user can do instead. */
async function refusable<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    if (err instanceof ApiError) throw err;
    throw new ApiError(
      'FORBIDDEN',
      `This Redis refuses CONFIG (${why}), so QueueDesk cannot turn keyspace notifications on. ` +
        `Set ${SETTING} to "${DEFAULT_KEYSPACE_FLAGS}" on the server (redis.conf or your provider's settings), ` +
        'then subscribe to the pattern __keyevent@<db>__:*.',
    );
  }
}
