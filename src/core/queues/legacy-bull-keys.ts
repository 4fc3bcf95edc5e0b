import type { AnyRedis } from '../connection/any-redis';

/**
 * Legacy Bull (v4) and BullMQ share key names under one prefix (`<prefix>:<queue>:wait`, `:id`, …). What tells
 * them apart: BullMQ writes a `meta` hash on every add (`opts.maxLenEvents`, `version`); Bull writes none, except
 * that its pause sets `meta-paused` and, for BullMQ's sake, `meta.paused`. So a queue is Bull's when it has
 * `meta-paused`, or has no `meta` at all.
 */
/** For each queue name (known to have some key), whether it is a legacy Bull queue. */
export async function legacyBullFlags(redis: AnyRedis, prefix: string, names: string[]): Promise<boolean[]> {
  if (names.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const name of names) pipeline.exists(`${prefix}:${name}:meta-paused`, `${prefix}:${name}:meta`);
  const replies = (await pipeline.exec()) ?? [];
  return names.map((name, i) => {
    const [err, value] = replies[i] ?? [null, 0];
    if (err) throw err;
    // EXISTS counts both keys: 0 = no meta (Bull), 2 = Bull paused, 1 = BullMQ's meta alone.
    return Number(value) !== 1;
  });
}
