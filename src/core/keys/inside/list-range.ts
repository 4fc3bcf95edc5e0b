import type { Redis } from 'ioredis';
import { MAX_INSIDE_ROWS, type InsidePage } from '../../../shared/contract';
import { ApiError } from '../../../shared/result';
import { keyBytes, valueField, type BytesRef } from '../key-ref';
import { changedType, typeOf } from './key-type';

/** Redis's own reading of a (possibly negative) index into a list of `size`. */
const absolute = (i: number, size: number): number => (i < 0 ? size + i : i);

/**
 * LRANGE start..stop, negative indexes counted from the end as Redis does. They are turned into indexes
 * from the head first (LLEN), so the span can be capped before anything is read and every item is shown
 * with the index Redis read it at, even if the list grows meanwhile.
 */
export async function listRange(
  redis: Redis,
  p: BytesRef & { start: number; stop: number },
): Promise<InsidePage> {
  const key = keyBytes(p);
  await typeOf(redis, key, ['list'] as const);
  const before = await redis.llen(key);
  const first = Math.max(0, absolute(p.start, before));
  const last = Math.min(before - 1, absolute(p.stop, before));
  if (last - first + 1 > MAX_INSIDE_ROWS)
    throw new ApiError('INVALID_INPUT', `a range reads at most ${MAX_INSIDE_ROWS} items: narrow it`);
  if (last < first)
    return { size: before, value: { kind: 'list', items: [] }, nextCursor: null, matched: null };
  const replies = await redis.multi().llen(key).lrangeBuffer(key, first, last).exec();
  const failed = replies?.find(([err]) => err)?.[0];
  if (failed || !replies) throw changedType(failed);
  const size = Number(replies[0]![1]);
  const items = replies[1]![1] as Buffer[];
  const end = first + items.length;
  return {
    size,
    value: { kind: 'list', items: items.map((b, i) => ({ index: first + i, ...valueField(b) })) },
    nextCursor: end < size && items.length > 0 ? String(end) : null,
    matched: null,
  };
}
