import type { AnyRedis } from '../connection/any-redis';
import type { BeatLeadership, BeatMember } from '../../shared/contract/presence';
import { readAnnounced, type PresenceSpace } from '../presence/announcer';
import { APP_PREFIX, beatKeysOf } from './keys';

/** Beats announce themselves for two lock times, renewed every half: a killed standby drops out soon after. */
export function beatSpace(lockTtlMs: number): PresenceSpace {
  return {
    index: `${APP_PREFIX}beat:members`,
    keyOf: (token) => `${APP_PREFIX}beat:member:${token}`,
    ttlMs: Math.max(2 * lockTtlMs, 3000),
    renewMs: Math.max(Math.floor(lockTtlMs / 2), 500),
  };
}

/** The leader is whoever the lock names, not whoever says it leads: an announcement can be a moment old. */
export async function readLeadership(redis: AnyRedis): Promise<BeatLeadership> {
  const { lock } = beatKeysOf(redis);
  const [[token, ttl], announced] = await Promise.all([
    Promise.all([redis.get(lock), redis.pttl(lock)]),
    readAnnounced<BeatMember>(beatSpace(0), redis),
  ]);
  const members = announced.map((a) => a.value).sort((a, b) => a.host.localeCompare(b.host) || a.pid - b.pid);
  const leader = members.find((m) => m.token === token) ?? null;
  return {
    leader,
    unknownLeader: token !== null && leader === null,
    lockExpiresInMs: token !== null && ttl >= 0 ? ttl : null,
    standbys: members.filter((m) => m !== leader && m.leaderSince === null),
    silent: members.filter((m) => m !== leader && m.leaderSince !== null),
    hosts: [...new Set(members.map((m) => m.host))].sort(),
  };
}
