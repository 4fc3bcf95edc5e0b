import type { ChainableCommander, Redis } from 'ioredis';

/** A state's structure under `<prefix>:<queue>:`: its key suffix and whether it is a list (else a sorted set). */
export type StateKey<S extends string> = [state: S, key: string, list: boolean];

/**
 * Counts of many queues in one pipeline of LLEN/ZCARD per state, plus one flag reply per queue (its pause mark):
 * the same numbers as the engine's own count scripts, at a few µs of Redis's time per queue.
 */
export async function pipelineStateCounts<S extends string>(
  redis: Redis,
  prefix: string,
  names: string[],
  keys: Array<StateKey<S>>,
  flag: (pipeline: ChainableCommander, base: string) => void,
): Promise<Map<string, { raw: Record<S, number>; flag: number }>> {
  const pipeline = redis.pipeline();
  for (const name of names) {
    const base = `${prefix}:${name}:`;
    for (const [, key, list] of keys) {
      if (list) pipeline.llen(base + key);
      else pipeline.zcard(base + key);
    }
    flag(pipeline, base);
  }
  const replies = (await pipeline.exec()) ?? [];
  const per = keys.length + 1;
  const out = new Map<string, { raw: Record<S, number>; flag: number }>();
  names.forEach((name, i) => {
    const at = (j: number): number => {
      const [err, value] = replies[i * per + j] ?? [null, 0];
      if (err) throw err;
      return Number(value);
    };
    const raw = {} as Record<S, number>;
    keys.forEach(([state], j) => (raw[state] = at(j)));
    out.set(name, { raw, flag: at(keys.length) });
  });
  return out;
}
