import type { Redis } from 'ioredis';
import type { InsidePage } from '../../../shared/contract';
import { keyBytes, type BytesRef } from '../key-ref';
import { streamEntries, type RawEntry } from '../readers/stream';
import { changedType, typeOf } from './key-type';

export interface StreamRangeParams extends BytesRef {
  start: string;
  end: string;
  count?: number;
  reverse?: boolean;
}

const DEFAULT_COUNT = 200;

/**
 * XRANGE start end COUNT n (or XREVRANGE, newest first). A bare ms-timestamp bound means that millisecond
 * (Redis fills in sequence 0 for a start, the largest for an end), so a time range needs no id arithmetic.
 * The next page starts after the last id read: `(id` — exclusive, so nothing repeats.
 */
export async function streamRange(redis: Redis, p: StreamRangeParams): Promise<InsidePage> {
  const key = keyBytes(p);
  await typeOf(redis, key, ['stream'] as const);
  const count = p.count ?? DEFAULT_COUNT;
  try {
    const [size, raw] = await Promise.all([
      redis.xlen(key),
      (p.reverse
        ? redis.xrevrangeBuffer(key, p.end, p.start, 'COUNT', count)
        : redis.xrangeBuffer(key, p.start, p.end, 'COUNT', count)) as Promise<RawEntry[]>,
    ]);
    const entries = streamEntries(raw);
    const last = entries.at(-1);
    return {
      size,
      value: { kind: 'stream', entries, groups: [] },
      nextCursor: last && entries.length === count ? last.id : null,
      matched: null,
    };
  } catch (err) {
    throw changedType(err);
  }
}
