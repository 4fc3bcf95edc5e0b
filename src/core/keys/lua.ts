import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface Script {
  lua: string;
  sha: string;
}

export function script(lua: string): Script {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

type Arg = string | Buffer | number;

/** EVALSHA, falling back to EVAL once when the server has not cached the script yet (or was restarted). */
export async function runScript(redis: Redis, s: Script, keys: Arg[], args: Arg[]): Promise<unknown> {
  try {
    return await redis.callBuffer('EVALSHA', s.sha, keys.length, ...keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
    return redis.callBuffer('EVAL', s.lua, keys.length, ...keys, ...args);
  }
}
