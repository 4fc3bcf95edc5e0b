import type { Redis } from 'ioredis';
import { mapScriptError } from './errors';
import { runScript, script } from './lua';

/**
 * Runs one write command on a key only while the key still exists with the type the user was editing, so
 * an edit to a key deleted or replaced meanwhile fails clearly instead of recreating or clobbering it.
 * ARGV: expected type ('*' = any), command, its arguments after the key.
 */
const GUARDED = script(`
local t = redis.call('TYPE', KEYS[1])['ok']
if t == 'none' then return redis.error_reply('GONE') end
if ARGV[1] ~= '*' and t ~= ARGV[1] then return redis.error_reply('NOWTYPE ' .. t .. ' ' .. ARGV[1]) end
return redis.call(ARGV[2], KEYS[1], unpack(ARGV, 3))
`);

export type Arg = string | Buffer | number;

export async function guarded(
  redis: Redis,
  key: Buffer,
  type: string,
  command: string,
  args: Arg[],
): Promise<unknown> {
  try {
    return await runScript(redis, GUARDED, [key], [type, command, ...args]);
  } catch (err) {
    throw mapScriptError(err);
  }
}

export async function guardedNumber(
  redis: Redis,
  key: Buffer,
  type: string,
  command: string,
  args: Arg[],
): Promise<number> {
  return Number(await guarded(redis, key, type, command, args));
}
