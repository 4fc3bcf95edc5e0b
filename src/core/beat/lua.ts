import type { AnyRedis } from '../connection/any-redis';
import { beatKeysOf } from './keys';

// Lua runs atomically in Redis: the check and the write cannot be split by another beat.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/**
 * Advances a schedule's state only if this beat still leads, the schedule exists and nobody moved it since.
 * First it settles this beat's claim of the tick (tick-slot.ts), in the same round trip: the tick was sent.
 */
const CLAIM = `
if redis.call('HGET', KEYS[4], ARGV[2]) == ARGV[5] then redis.call('HDEL', KEYS[4], ARGV[2]) end
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if redis.call('HEXISTS', KEYS[3], ARGV[2]) == 0 then return -2 end
if redis.call('HGET', KEYS[2], ARGV[2]) ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[4])
return 1`;

export async function acquireLock(redis: AnyRedis, token: string, ttlMs: number): Promise<boolean> {
  return (await redis.set(beatKeysOf(redis).lock, token, 'PX', ttlMs, 'NX')) === 'OK';
}

export async function renewLock(redis: AnyRedis, token: string, ttlMs: number): Promise<boolean> {
  return Number(await redis.eval(RENEW, 1, beatKeysOf(redis).lock, token, ttlMs)) === 1;
}

export async function releaseLock(redis: AnyRedis, token: string): Promise<void> {
  await redis.eval(RELEASE, 1, beatKeysOf(redis).lock, token);
}

/** 1 = claimed; 0 = state changed meanwhile; -1 = not the leader; -2 = schedule removed. */
export async function claimTick(
  redis: AnyRedis,
  token: string,
  id: string,
  seenState: string,
  nextState: string,
  /** This beat's claim of the tick ("<due>:<token>"), settled on the way. */
  claim = '',
): Promise<number> {
  const keys = beatKeysOf(redis);
  return Number(
    await redis.eval(
      CLAIM,
      4,
      keys.lock,
      keys.state,
      keys.schedules,
      keys.claims,
      token,
      id,
      seenState,
      nextState,
      claim,
    ),
  );
}
