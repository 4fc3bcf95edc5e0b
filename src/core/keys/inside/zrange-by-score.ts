import type { Redis } from 'ioredis';
import type { InsidePage } from '../../../shared/contract';
import { keyBytes, type BytesRef } from '../key-ref';
import { zsetItems } from '../readers/zset';
import { changedType, typeOf } from './key-type';

export interface ScoreRangeParams extends BytesRef {
  min: string;
  max: string;
  offset?: number;
  count?: number;
  reverse?: boolean;
}

const DEFAULT_COUNT = 200;

/**
 * ZRANGE … BYSCORE LIMIT (Redis ≥ 6.2) with ZCARD and ZCOUNT in one MULTI: one page of the range, how many
 * the range holds, and the offset of the next page. Bounds are Redis's own syntax (-inf, +inf, "(" exclusive).
 */
export async function zrangeByScore(redis: Redis, p: ScoreRangeParams): Promise<InsidePage> {
  const key = keyBytes(p);
  await typeOf(redis, key, ['zset'] as const);
  const offset = p.offset ?? 0;
  const count = p.count ?? DEFAULT_COUNT;
  // REV takes the bounds high first.
  const [from, to] = p.reverse ? [p.max, p.min] : [p.min, p.max];
  const range = ['BYSCORE', ...(p.reverse ? ['REV'] : []), 'LIMIT', offset, count, 'WITHSCORES'];
  const replies = await redis
    .multi()
    .zcard(key)
    .zcount(key, p.min, p.max)
    .callBuffer('ZRANGE', key, from, to, ...range)
    .exec();
  const failed = replies?.find(([err]) => err)?.[0];
  if (failed || !replies) throw changedType(failed);
  const size = Number(replies[0]![1]);
  const matched = Number(replies[1]![1]);
  const members = zsetItems(replies[2]![1] as Buffer[]);
  const end = offset + members.length;
  return {
    size,
    value: { kind: 'zset', members },
    nextCursor: end < matched && members.length > 0 ? String(end) : null,
    matched,
  };
}
