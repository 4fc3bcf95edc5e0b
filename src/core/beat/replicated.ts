import type { Redis } from 'ioredis';
import { APP_PREFIX } from './keys';

/** How long a tick waits for a replica to take its writes; well inside the lock's 5 s, twice per tick. */
export const REPLICA_WAIT_MS = 1000;

/**
 * Resolves once what was written on `server` before this call (by any connection: a primary replicates in one
 * ordered stream) is on its replicas, up to one; at once where it has none connected. WAIT only counts this
 * connection's own writes, so it writes a mark of its own first, under `tag` (the hash tag of the keys that
 * must survive, so a cluster routes the mark to their very node). False when no replica took it in time.
 */
export async function replicated(server: Redis, tag: string, token: string): Promise<boolean> {
  const role = (await server.call('ROLE')) as [string, number, unknown[]];
  const replicas = role[0] === 'master' ? Math.min(1, role[2]?.length ?? 0) : 0;
  if (replicas === 0) return true;
  await server.set(`${APP_PREFIX}beat-synced${tag}`, token, 'PX', 60_000);
  return Number(await server.call('WAIT', String(replicas), String(REPLICA_WAIT_MS))) >= replicas;
}
