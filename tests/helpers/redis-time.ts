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
