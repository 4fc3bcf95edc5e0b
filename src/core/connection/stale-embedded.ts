import { readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { createClient } from './client-factory';

/**
 * A persisted embedded Redis is recorded in its data folder while it runs. When its app is killed (kill -9,
 * a crash), the watchdog SIGTERMs it, and it takes a while to save and exit (or the watchdog itself was killed);
 * an app restarted meanwhile must not run a second server on the same AOF files (an AOF rewrite finishing in the
 * old one would swap the files under the new one), so it shuts the old one down first and waits for its exit:
 * SHUTDOWN flushes its AOF, losing nothing.
 */
const MARKER = 'embedded.json';

interface Marker {
  appPid: number;
  redisPid: number;
  port: number;
}

export function recordEmbedded(dir: string, redisPid: number | undefined, port: number): void {
  if (redisPid === undefined) return;
  const marker: Marker = { appPid: process.pid, redisPid, port };
  writeFileSync(join(dir, MARKER), JSON.stringify(marker));
}

export function forgetEmbedded(dir: string): void {
  rmSync(join(dir, MARKER), { force: true });
}

export async function shutDownStaleEmbedded(dir: string, timeoutMs = 10_000): Promise<void> {
  const marker = readMarker(dir);
  // A live owner is another running QueueDesk on this folder: not ours to stop.
  if (!marker || (marker.appPid !== process.pid && isAlive(marker.appPid))) return;
  const redis = createClient({ host: '127.0.0.1', port: marker.port }, 'probe', undefined, {
    connectTimeout: 1000,
  });
  redis.on('error', () => undefined);
  // Silent means gone, or busy shutting down already (the watchdog's SIGTERM): wait for its pid either way.
  let verdict: 'ours' | 'other' | 'silent' = 'silent';
  try {
    verdict = await identify(redis, marker, dir);
    if (verdict === 'ours') await redis.call('SHUTDOWN').catch(() => undefined); // the reply is the close
  } catch {
    // not answering
  } finally {
    redis.disconnect();
  }
  const deadline = Date.now() + timeoutMs;
  while (verdict !== 'other' && isAlive(marker.redisPid) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  forgetEmbedded(dir);
}

/** Whether the recorded server itself answers, using this folder (a port or pid may be reused since). */
async function identify(redis: Redis, marker: Marker, dir: string): Promise<'ours' | 'other'> {
  await redis.connect();
  const info = await redis.info('server');
  const [, usedDir] = (await redis.config('GET', 'dir')) as [string, string];
  return info.includes(`process_id:${marker.redisPid}\r`) && usedDir === realpathSync(dir) ? 'ours' : 'other';
}

function readMarker(dir: string): Marker | null {
  try {
    const m = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Partial<Marker>;
    const ok = [m.appPid, m.redisPid, m.port].every((n) => Number.isInteger(n) && (n as number) > 0);
    return ok ? (m as Marker) : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
