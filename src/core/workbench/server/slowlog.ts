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
  const [slowerThanMicros, maxLen] = await Promise.all([
    configNumber(redis, 'slowlog-log-slower-than'),
    configNumber(redis, 'slowlog-max-len'),
  ]);
  // LEN before GET: at a threshold of 0 each call logs itself, and the count should not run ahead of the list.
  const length = (await redis.call('SLOWLOG', 'LEN')) as number;
  const entries = ((await redis.call('SLOWLOG', 'GET', String(limit))) as unknown[]).map(parseSlowlogEntry);
  return { entries, length: Math.max(length, entries.length), slowerThanMicros, maxLen };
}

/**
 * Several nodes' slow logs as one (newest first, `limit` kept): the counts add up; the settings shown are the
 * first node's (each node has its own, set on that node).
 */
export function mergeSlowlogs(views: SlowlogView[], limit: number): SlowlogView {
  if (views.length === 1) return views[0]!;
  const entries = views
    .flatMap((v) => v.entries)
    .sort((a, b) => b.at - a.at || b.id - a.id)
    .slice(0, limit);
  const length = views.reduce((sum, v) => sum + v.length, 0);
  return { ...views[0]!, entries, length };
}
