import type { Redis } from 'ioredis';
import { legacyBullFlags } from '../../legacy-bull-keys';
import type { ScanPacing } from '../../queue-finder';
import { scanQueueNames } from '../../scan-queue-names';
import { countStates, type CountedQueues, type StateKey } from '../../state-counts';

/**
 * Names of every legacy Bull queue under the prefix: one SCAN pass (never KEYS, paced by QueueFinder) for the `id` counter that each
 * add increments and the `meta-paused` flag, then the queues that BullMQ's `meta` hash claims are dropped.
 */
export async function discoverBullQueues(
  redis: Redis,
  prefix: string,
  pacing: ScanPacing = { count: 1000 },
): Promise<string[]> {
  // Both suffixes end in "d": one pattern, the rest sorted out by suffix.
  const sorted = await scanQueueNames(redis, prefix, `${prefix}:*d`, [':meta-paused', ':id'], pacing);
  const legacy = await legacyBullFlags(redis, prefix, sorted);
  return sorted.filter((_, i) => legacy[i]);
}

/** Whether a Bull queue of that name exists (its id counter or pause flag, and no BullMQ meta). */
export async function bullQueueExists(redis: Redis, prefix: string, name: string): Promise<boolean> {
  const base = `${prefix}:${name}:`;
  if ((await redis.exists(`${base}id`, `${base}meta-paused`)) === 0) return false;
  const [legacy] = await legacyBullFlags(redis, prefix, [name]);
  return legacy === true;
}

/** Bull's structures per state under `<prefix>:<queue>:` (lists for wait/active/paused, the rest sorted sets). */
const STATE_KEYS: Array<StateKey<'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'paused'>> = [
  ['waiting', 'wait', true],
  ['active', 'active', true],
  ['delayed', 'delayed', false],
  ['completed', 'completed', false],
  ['failed', 'failed', false],
  ['paused', 'paused', true],
];

/** Counts of many queues in one pipeline; Bull has no prioritized or waiting-children state (null). */
export async function countBullQueues(redis: Redis, prefix: string, names: string[]): Promise<CountedQueues> {
  return countStates(
    redis,
    prefix,
    names,
    STATE_KEYS,
    (p, base) => p.exists(`${base}meta-paused`),
    (raw) => ({ ...raw, prioritized: null, waitingChildren: null }),
  );
}
