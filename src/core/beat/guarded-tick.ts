import type { GuardedSend } from '../queues/driver';
import type { BeatKeys } from './keys';

/**
 * The beat's part of a tick sent in one script with its job (queue/driver.ts GuardedSend), for engines that run a
 * repeated task id again (Celery) and keep their queues on the beat's one server: lock check, "not sent yet"
 * and "state as read" before the send; the sent mark and the state's advance after it. Nothing comes between
 * a send and its record, so a killed beat or a failover keeps both or neither: exactly once.
 * A tick sent already (a stale state made it due again) is not sent; the state still moves on, as it would have.
 * Replies: -1 = not the leader; -2 = schedule removed; 0 = sent already, or the state moved meanwhile.
 */
const CHECK = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if redis.call('HEXISTS', KEYS[5], ARGV[2]) == 0 then return -2 end
if (redis.call('HGET', KEYS[4], ARGV[2]) or '') ~= ARGV[4] then return 0 end
if tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '-1') >= tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[4], ARGV[2], ARGV[5])
  return 0
end`;
const RECORD = `
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('HDEL', KEYS[3], ARGV[2])
redis.call('HSET', KEYS[4], ARGV[2], ARGV[5])`;

export function tickGuard(
  keys: BeatKeys,
  tick: { token: string; id: string; due: number; seenState: string; nextState: string },
): GuardedSend {
  return {
    check: CHECK,
    record: RECORD,
    keys: [keys.lock, keys.sent, keys.claims, keys.state, keys.schedules],
    args: [tick.token, tick.id, String(tick.due), tick.seenState, tick.nextState],
  };
}
