import { valueField } from '../key-ref';
import type { Reader } from './types';

export const readList: Reader = async (redis, { key, offset, limit }) => {
  const [size, items] = await Promise.all([
    redis.llen(key),
    redis.lrangeBuffer(key, offset, offset + limit - 1),
  ]);
  const end = offset + items.length;
  return {
    size,
    value: { kind: 'list', items: items.map((b, i) => ({ index: offset + i, ...valueField(b) })) },
    nextCursor: end < size ? String(end) : null,
  };
};
