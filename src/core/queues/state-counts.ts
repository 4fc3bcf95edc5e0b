import type { ChainableCommander } from 'ioredis';
import type { AnyRedis } from '../connection/any-redis';
import type { EngineName } from '../../shared/contract/engines';
import type { QueueCounts, QueueSummary } from '../../shared/contract/queues';

/** A state's structure under `<prefix>:<queue>:`: its key suffix and whether it is a list (else a sorted set). */
export type StateKey<S extends string> = [state: S, key: string, list: boolean];

export type CountedQueues = Map<string, { counts: QueueCounts; paused: boolean }>;

/**
 * Counts of many queues in one pipeline of LLEN/ZCARD per state, plus one flag reply per queue (its pause mark,
 * 1 = paused): the same numbers as the engine's own count scripts, at a few µs of Redis's time per queue.
 * `toCounts` maps the engine's raw counts to the contract's.
 */
export async function countStates<S extends string>(
  redis: AnyRedis,
  prefix: string,
  names: string[],
  keys: Array<StateKey<S>>,
  flag: (pipeline: ChainableCommander, base: string) => void,
  toCounts: (raw: Record<S, number>, paused: boolean) => QueueCounts,
): Promise<CountedQueues> {
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
  const out: CountedQueues = new Map();
  names.forEach((name, i) => {
    const at = (j: number): number => {
      const [err, value] = replies[i * per + j] ?? [null, 0];
      if (err) throw err;
      return Number(value);
    };
    const raw = {} as Record<S, number>;
    keys.forEach(([state], j) => (raw[state] = at(j)));
    const paused = at(keys.length) === 1;
    out.set(name, { counts: toCounts(raw, paused), paused });
  });
  return out;
}

/** Every job a queue holds, whatever its state (an engine's unknown states count nothing). */
export function totalJobs(counts: QueueCounts): number {
  return Object.values(counts).reduce((sum: number, n) => sum + (n ?? 0), 0);
}

/** The queues.list rows of counted queues; `workers` per queue from CLIENT LIST (null: it could not be read). */
export function summaryRows(
  engine: EngineName,
  prefix: string,
  names: string[],
  counted: CountedQueues,
  workers: ReadonlyMap<string, number> | null,
): QueueSummary[] {
  return names
    .filter((name) => counted.has(name))
    .map((name) => ({
      name,
      prefix,
      engine,
      ...counted.get(name)!,
      workers: workers ? (workers.get(name) ?? 0) : null,
    }));
}
