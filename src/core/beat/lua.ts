import type { Redis } from 'ioredis';
import { beatKeys } from './keys';

// Lua runs atomically in Redis: the check and the write cannot be split by another beat.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/** Advances a schedule's state only if this beat still leads, the schedule exists and nobody moved it since. */
const CLAIM = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if redis.call('HEXISTS', KEYS[3], ARGV[2]) == 0 then return -2 end
if redis.call('HGET', KEYS[2], ARGV[2]) ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[4])
return 1`;

const MARK = `
local last = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
if last >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;
const UNMARK = `if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0`;

/** Records that the tick due at `due` is being sent; false when it (or a later one) was sent already. */
export async function markTickSent(redis: Redis, id: string, due: number): Promise<boolean> {
  return Number(await redis.eval(MARK, 1, beatKeys.sent, id, String(due))) === 1;
}

/** Takes the mark back when sending failed, so the next round sends the tick. */
export async function unmarkTickSent(redis: Redis, id: string, due: number): Promise<void> {
  await redis.eval(UNMARK, 1, beatKeys.sent, id, String(due));
}

export async function acquireLock(redis: Redis, token: string, ttlMs: number): Promise<boolean> {
  return (await redis.set(beatKeys.lock, token, 'PX', ttlMs, 'NX')) === 'OK';
}

export async function renewLock(redis: Redis, token: string, ttlMs: number): Promise<boolean> {
  return Number(await redis.eval(RENEW, 1, beatKeys.lock, token, ttlMs)) === 1;
}

export async function releaseLock(redis: Redis, token: string): Promise<void> {
  await redis.eval(RELEASE, 1, beatKeys.lock, token);
}

/** 1 = claimed; 0 = state changed meanwhile; -1 = not the leader; -2 = schedule removed. */
export async function claimTick(
  redis: Redis,
  token: string,
  id: string,
  seenState: string,
  nextState: string,
): Promise<number> {
  return Number(
    await redis.eval(
      CLAIM,
      3,
      beatKeys.lock,
      beatKeys.state,
      beatKeys.schedules,
      token,
      id,
      seenState,
      nextState,
    ),
  );
}
