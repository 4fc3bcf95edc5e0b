import { valueField } from '../key-ref';
import type { Reader } from './types';

/** GETRANGE up to the preview cap; `maxBytes` 0 reads the whole value ("load all"). */
export const readString: Reader = async (redis, { key, maxBytes }) => {
  const length = await redis.strlen(key);
  const end = maxBytes > 0 ? Math.min(length, maxBytes) - 1 : -1;
  const bytes = length === 0 ? Buffer.alloc(0) : await redis.getrangeBuffer(key, 0, end);
  return {
    size: length,
    value: { kind: 'string', ...valueField(bytes), length, truncated: bytes.length < length },
    nextCursor: null,
  };
};
