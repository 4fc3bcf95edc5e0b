import type { ZsetItem } from '../../../shared/contract';
import { encodeBytes } from '../../bytes';
import type { Reader } from './types';

export function zsetItem(member: Buffer, score: Buffer): ZsetItem {
  const m = encodeBytes(member);
  return {
    member: m.text,
    ...(m.encoding ? { memberEncoding: m.encoding } : {}),
    score: Number(score.toString()),
  };
}

/** Members and scores from a WITHSCORES reply: flat, or in pairs as RESP3 sends it. */
export function zsetItems(reply: Array<Buffer | Buffer[]>): ZsetItem[] {
  const flat = reply.flat();
  const members: ZsetItem[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) members.push(zsetItem(flat[i]!, flat[i + 1]!));
  return members;
}

export const readZset: Reader = async (redis, { key, offset, limit }) => {
  const [size, flat] = await Promise.all([
    redis.zcard(key),
    redis.zrangeBuffer(key, String(offset), String(offset + limit - 1), 'WITHSCORES'),
  ]);
  const members = zsetItems(flat);
  const end = offset + members.length;
  return { size, value: { kind: 'zset', members }, nextCursor: end < size ? String(end) : null };
};
