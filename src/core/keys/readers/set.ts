import { valueField } from '../key-ref';
import type { Reader } from './types';

export const readSet: Reader = async (redis, { key, cursor, limit }) => {
  const [size, [next, members]] = await Promise.all([
    redis.scard(key),
    redis.sscanBuffer(key, cursor ?? '0', 'COUNT', limit),
  ]);
  const nextCursor = next.toString();
  return {
    size,
    value: { kind: 'set', members: members.map(valueField) },
    nextCursor: nextCursor === '0' ? null : nextCursor,
  };
};
