import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

/** A process's CPU time so far (user + system, ms), from /proc; ticks are 1/100 s on Linux. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Redis' own CPU time so far (used_cpu_user + used_cpu_sys, ms). */
export async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string): number => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? NaN);
  return Math.round((field('used_cpu_user') + field('used_cpu_sys')) * 1000);
}
