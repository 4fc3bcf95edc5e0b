import type { Redis } from 'ioredis';
import type { QueueCounts } from '../../../../shared/contract/queues';
import { legacyBullFlags } from '../../legacy-bull-keys';
import type { ScanPacing } from '../../queue-finder';
import { pipelineStateCounts, type StateKey } from '../../state-counts';

/**
 * Names of every legacy Bull queue under the prefix: one SCAN pass (never KEYS, paced by QueueFinder) for the `id` counter that each
 * add increments and the `meta-paused` flag, then the queues that BullMQ's `meta` hash claims are dropped.
 */
export async function discoverBullQueues(
  redis: Redis,
  prefix: string,
  pacing: ScanPacing = { count: 1000 },
): Promise<string[]> {
  const names = new Set<string>();
  const head = `${prefix}:`;
  let cursor = '0';
  do {
    // Both suffixes end in "d": one pattern, the rest sorted out here.
    const started = performance.now();
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*d`, 'COUNT', pacing.count);
    cursor = next;
    for (const key of keys) {
      const suffix = key.endsWith(':meta-paused') ? ':meta-paused' : key.endsWith(':id') ? ':id' : null;
      if (!suffix) continue;
      const name = key.slice(head.length, -suffix.length);
      if (name && !name.includes(':')) names.add(name);
    }
    if (cursor !== '0') await pacing.between?.(performance.now() - started);
  } while (cursor !== '0');
  const sorted = [...names].sort();
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
export async function countBullQueues(
  redis: Redis,
  prefix: string,
  names: string[],
): Promise<Map<string, { counts: QueueCounts; paused: boolean }>> {
  const counted = await pipelineStateCounts(redis, prefix, names, STATE_KEYS, (p, base) =>
    p.exists(`${base}meta-paused`),
  );
  const out = new Map<string, { counts: QueueCounts; paused: boolean }>();
  for (const [name, { raw, flag }] of counted) {
    out.set(name, {
      counts: { ...raw, prioritized: null, waitingChildren: null },
      paused: flag === 1,
    });
  }
  return out;
}
