import type { AnyRedis } from '../connection/any-redis';
import { beatKeysOf } from './keys';

/**
 * The claim of one tick, atomic in Redis: only the beat holding the lock may claim, and a schedule's slot (its
 * due time) can be claimed once, so two beats that both believe they lead (a paused leader waking up after the
 * lock passed on) cannot both send it. The claim stays "unconfirmed" until the send is done; a leader that dies
 * in between leaves it so, and the next leader is told (2) rather than left to guess.
 */
const CLAIM = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local last = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '-1')
local mine = ARGV[3] .. ':' .. ARGV[1]
if last < tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[2], mine)
  return 1
end
local open = redis.call('HGET', KEYS[3], ARGV[2])
if open and string.sub(open, 1, #ARGV[3] + 1) == ARGV[3] .. ':' then
  redis.call('HSET', KEYS[3], ARGV[2], mine)
  return 2
end
return 0`;
/** Gives a slot back after a failed send, only while still leading: a beat that lost the lock leaves it claimed. */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('HGET', KEYS[2], ARGV[2]) ~= ARGV[3] then return 0 end
redis.call('HDEL', KEYS[2], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[2])
return 1`;

/** `claimed`: send it; `unconfirmed`: claimed before by a beat that never said it sent it; `taken`: sent already. */
export type SlotClaim = 'claimed' | 'unconfirmed' | 'taken' | 'not-leader';
const CLAIMS: Record<number, SlotClaim> = { 1: 'claimed', 2: 'unconfirmed', 0: 'taken', [-1]: 'not-leader' };

export async function claimSlot(redis: AnyRedis, token: string, id: string, due: number): Promise<SlotClaim> {
  const { lock, sent, claims } = beatKeysOf(redis);
  const keys = [lock, sent, claims];
  const reply = Number(await redis.eval(CLAIM, keys.length, ...keys, token, id, String(due)));
  return CLAIMS[reply] ?? 'taken';
}

/** What a claim holds while its send is unconfirmed; the state's advance (lua.ts) settles it. */
export function slotClaimValue(token: string, due: number): string {
  return `${due}:${token}`;
}

/** The send failed: the next round may claim the tick again. */
export async function releaseSlot(redis: AnyRedis, token: string, id: string, due: number): Promise<void> {
  const { lock, sent, claims } = beatKeysOf(redis);
  const keys = [lock, sent, claims];
  await redis.eval(RELEASE, keys.length, ...keys, token, id, String(due));
}
