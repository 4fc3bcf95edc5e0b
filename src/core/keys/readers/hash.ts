import type { FieldValue } from '../../../shared/contract';
import { encodeBytes } from '../../bytes';
import { valueField } from '../key-ref';
import type { Reader } from './types';

export function fieldValue(field: Buffer, value: Buffer): FieldValue {
  const f = encodeBytes(field);
  return {
    field: f.text,
    ...(f.encoding ? { fieldEncoding: f.encoding } : {}),
    ...valueField(value),
  };
}

/** HSCAN pages: Redis may return a few more or fewer than `limit`; the cursor is what counts. */
export const readHash: Reader = async (redis, { key, cursor, limit }) => {
  const [size, [next, flat]] = await Promise.all([
    redis.hlen(key),
    redis.hscanBuffer(key, cursor ?? '0', 'COUNT', limit),
  ]);
  const entries: FieldValue[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) entries.push(fieldValue(flat[i]!, flat[i + 1]!));
  const nextCursor = next.toString();
  return {
    size,
    value: { kind: 'hash', entries },
    nextCursor: nextCursor === '0' ? null : nextCursor,
  };
};
