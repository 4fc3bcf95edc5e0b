import type { Redis } from 'ioredis';

export interface CommandStats {
  /** Microseconds Redis spent running commands, all commands together. */
  usec: number;
  calls: number;
  /** Calls per command name (lower case). */
  byCommand: Map<string, { calls: number; usec: number }>;
}

/** Reads INFO commandstats: how much of its own time Redis spent on commands, per command. */
export async function commandStats(redis: Redis): Promise<CommandStats> {
  const text = await redis.info('commandstats');
  const byCommand = new Map<string, { calls: number; usec: number }>();
  let usec = 0;
  let calls = 0;
  for (const m of text.matchAll(/^cmdstat_(\S+?):calls=(\d+),usec=(\d+)/gm)) {
    const entry = { calls: Number(m[2]), usec: Number(m[3]) };
    byCommand.set(m[1] as string, entry);
    usec += entry.usec;
    calls += entry.calls;
  }
  return { usec, calls, byCommand };
}

export interface RedisLoad {
  /** Share of the wall time Redis spent running commands, in percent. */
  timePct: number;
  commandsPerSec: number;
  /** Calls per command name over the window. */
  calls: Map<string, number>;
  /** Microseconds per command name over the window. */
  usec: Map<string, number>;
}

/** The load Redis carried between two readings taken `wallMs` apart. */
export function loadBetween(before: CommandStats, after: CommandStats, wallMs: number): RedisLoad {
  const calls = new Map<string, number>();
  const usec = new Map<string, number>();
  for (const [name, stat] of after.byCommand) {
    const n = stat.calls - (before.byCommand.get(name)?.calls ?? 0);
    if (n > 0) calls.set(name, n);
    if (n > 0) usec.set(name, stat.usec - (before.byCommand.get(name)?.usec ?? 0));
  }
  return {
    timePct: ((after.usec - before.usec) / (wallMs * 1000)) * 100,
    commandsPerSec: ((after.calls - before.calls) * 1000) / wallMs,
    calls,
    usec,
  };
}

/** Fills the database with `count` small string keys quickly: DEBUG POPULATE where allowed, else pipelined SETs. */
export async function populate(redis: Redis, count: number, prefix = 'filler'): Promise<void> {
  try {
    await redis.call('DEBUG', 'POPULATE', count, prefix, 16);
    return;
  } catch {
    // DEBUG is off on this server (enable-debug-command no): write them ourselves
  }
  const batch = 10_000;
  for (let start = 0; start < count; start += batch) {
    const pipeline = redis.pipeline();
    for (let i = start; i < Math.min(count, start + batch); i++) pipeline.set(`${prefix}:${i}`, 'x');
    await pipeline.exec();
  }
}

/** What the keys page script runs inside Redis: INFO counts these again inside the EVALSHA's own time. */
const PAGE_SCRIPT_NESTED = ['scan', 'type', 'pttl', 'time'];

/** Microseconds Redis spent on commands so far, each page script counted once (not again for what it calls). */
export async function busyUsec(redis: Redis): Promise<number> {
  const stats = await commandStats(redis);
  return stats.usec - PAGE_SCRIPT_NESTED.reduce((n, c) => n + (stats.byCommand.get(c)?.usec ?? 0), 0);
}

/**
 * From now on: each server's busy share of the wall time until the reading is taken, in percent, by `usec`
 * (microseconds it spent on commands so far; `busyUsec` unless told).
 */
export async function busyMeter(
  servers: Redis[],
  usec: (redis: Redis) => Promise<number> = busyUsec,
): Promise<() => Promise<number[]>> {
  const before = await Promise.all(servers.map(usec));
  const t0 = performance.now();
  return async () => {
    const wallUs = (performance.now() - t0) * 1000;
    const after = await Promise.all(servers.map(usec));
    return after.map((a, i) => ((a - before[i]!) / wallUs) * 100);
  };
}
