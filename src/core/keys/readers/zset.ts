import type { ZsetItem } from '../../../shared/contract';
import { encodeBytes } from '../../bytes';
import type { Reader } from './types';

export const readZset: Reader = async (redis, { key, offset, limit }) => {
  const [size, flat] = await Promise.all([
    redis.zcard(key),
    redis.zrangeBuffer(key, String(offset), String(offset + limit - 1), 'WITHSCORES'),
  ]);
  const members: ZsetItem[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const m = encodeBytes(flat[i]!);
    members.push({
      member: m.text,
      ...(m.encoding ? { memberEncoding: m.encoding } : {}),
      score: Number(flat[i + 1]!.toString()),
    });
  }
  const end = offset + members.length;
  return { size, value: { kind: 'zset', members }, nextCursor: end < size ? String(end) : null };
};
