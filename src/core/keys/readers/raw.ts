import type { Reader } from './types';

/** Module types (RedisJSON, Bloom…) have no reader here: show their DUMP bytes rather than nothing. */
export const readRaw: Reader = async (redis, { key }) => {
  const dump = await redis.dumpBuffer(key);
  const bytes = dump ?? Buffer.alloc(0);
  return {
    size: bytes.length,
    value: { kind: 'raw', dump: bytes.toString('base64'), dumpEncoding: 'base64' },
    nextCursor: null,
  };
};
