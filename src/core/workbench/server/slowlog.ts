import type { Redis } from 'ioredis';
import type { SlowlogEntry, SlowlogView } from '../../../shared/contract';
import { capArg, commandLine } from './display';
import { configNumber } from './config-read';

type RawEntry = [number, number, number, Array<string | Buffer>, string?, string?];

/** One SLOWLOG GET entry: id, unix time, µs, args, then (Redis 4+) client address and name. */
export function parseSlowlogEntry(raw: unknown): SlowlogEntry {
  const [id, time, micros, args, addr, name] = raw as RawEntry;
  const text = (args ?? []).map((a) => capArg(String(a)));
  return {
    id: Number(id),
    at: Number(time) * 1000,
    durationMicros: Number(micros),
    args: text,
    command: commandLine(text),
    clientAddr: addr ?? '',
    clientName: name ?? '',
  };
}

export async function readSlowlog(redis: Redis, limit: number): Promise<SlowlogView> {
  const [entries, length, slowerThanMicros, maxLen] = await Promise.all([
    redis.call('SLOWLOG', 'GET', String(limit)) as Promise<unknown[]>,
    redis.call('SLOWLOG', 'LEN') as Promise<number>,
    configNumber(redis, 'slowlog-log-slower-than'),
    configNumber(redis, 'slowlog-max-len'),
  ]);
  return { entries: entries.map(parseSlowlogEntry), length, slowerThanMicros, maxLen };
}
