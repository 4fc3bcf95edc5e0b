import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { ApiError } from '../../../shared/result';

const POLL_MS = 50;
const TIMEOUT_MS = 10 * 60_000;

function infoField(info: string, name: string): string | undefined {
  return new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

/** Where the server writes its RDB, and how it keeps its AOF (for a restore to put files where it looks). */
export interface ServerFiles {
  dir: string;
  rdbPath: string;
  aof: boolean;
  /** Redis 7 keeps the AOF as a folder of parts with a manifest; older ones as one file. */
  aofDir: string | null;
  aofFile: string;
}

export async function serverFiles(redis: Redis): Promise<ServerFiles> {
  const get = async (name: string): Promise<string | null> => {
    const r = (await redis.config('GET', name)) as string[];
    return r[1] ?? null;
  };
  const dir = (await get('dir'))!;
  const aofDir = await get('appenddirname');
  return {
    dir,
    rdbPath: join(dir, (await get('dbfilename')) ?? 'dump.rdb'),
    aof: (await get('appendonly')) === 'yes',
    aofDir: aofDir ? join(dir, aofDir) : null,
    aofFile: (await get('appendfilename')) ?? 'appendonly.aof',
  };
}

/**
 * BGSAVE and wait for it to finish (counted by `rdb_saves`, so a save that was already running does not pass
 * for ours); SCHEDULE waits its turn behind an AOF rewrite instead of failing.
 */
export async function bgsave(redis: Redis): Promise<ServerFiles> {
  const saves = (info: string): number => Number(infoField(info, 'rdb_saves') ?? NaN);
  const before = saves(await redis.info('persistence'));
  await redis.call('BGSAVE', 'SCHEDULE');
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const info = await redis.info('persistence');
    if (infoField(info, 'rdb_bgsave_in_progress') === '0' && saves(info) > before) {
      if (infoField(info, 'rdb_last_bgsave_status') !== 'ok')
        throw new ApiError('REDIS_ERROR', 'the embedded Redis could not write its snapshot (see its log)');
      return serverFiles(redis);
    }
    if (Date.now() > deadline) throw new ApiError('REDIS_ERROR', 'BGSAVE did not finish in 10 minutes');
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
