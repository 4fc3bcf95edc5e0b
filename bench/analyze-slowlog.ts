import type { Redis } from 'ioredis';

/**
 * SLOWLOG logs the commands a script runs as well as the script, so logging everything (threshold 0) pushes
 * a million keys' inner calls through the log and evicts most of the calls themselves. Calls of 1 ms or
 * more are logged instead: few enough to keep all, and the figure asked about is the longest.
 */
export const SLOW_US = 1000;

export interface Logged {
  /** Calls of SLOW_US or more, and of 5 ms or more. */
  slow: number;
  over5ms: number;
  longestMs: number;
  command: string;
}

/** One client's commands in the SLOWLOG since the last reset (entries carry the client's name). */
export async function loggedCalls(admin: Redis, client: (name: string) => boolean): Promise<Logged> {
  const entries = (await admin.call('SLOWLOG', 'GET', '-1')) as Array<
    [number, number, number, string[], string, string]
  >;
  const out: Logged = { slow: 0, over5ms: 0, longestMs: 0, command: '' };
  for (const [, , us, args, , name] of entries) {
    if (!client(name)) continue;
    out.slow++;
    if (us >= 5000) out.over5ms++;
    if (us / 1000 > out.longestMs) [out.longestMs, out.command] = [us / 1000, args.slice(0, 3).join(' ')];
  }
  return out;
}

export const slowLine = (l: Logged): string =>
  `${l.slow} calls ≥ ${SLOW_US / 1000} ms, ${l.over5ms} ≥ 5 ms, longest ${l.longestMs} ms (${l.command})`;
