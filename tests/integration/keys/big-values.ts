import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Writes a string of `bytes` random bytes (not UTF-8) in 1 MiB APPENDs, as an app building a blob would. */
export async function writeBigString(redis: Redis, key: string, bytes: number): Promise<Buffer> {
  const value = randomBytes(bytes);
  await redis.del(key);
  for (let at = 0; at < bytes; at += 1 << 20) await redis.append(key, value.subarray(at, at + (1 << 20)));
  return value;
}

/** A hash of `n` fields, one with binary bytes, written in pipelined batches. */
export async function writeBigHash(redis: Redis, key: string, n: number): Promise<Map<string, string>> {
  const fields = new Map<string, string>();
  for (let i = 0; i < n; i++) fields.set(`field:${i}`, `value ${i} `.padEnd(64, 'x'));
  await redis.del(key);
  const entries = [...fields];
  for (let i = 0; i < entries.length; i += 5000)
    await redis.hset(key, Object.fromEntries(entries.slice(i, i + 5000)));
  return fields;
}

/** Calls of a Redis command since the last CONFIG RESETSTAT: shows a value was read in many slices. */
export async function commandCalls(redis: Redis, command: string): Promise<number> {
  const info = await redis.info('commandstats');
  const m = new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info);
  return m ? Number(m[1]) : 0;
}

export function parseLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);
}
