import type { Redis } from 'ioredis';
import type { KeyDetails } from '../../shared/contract';
import { ApiError } from '../../shared/result';
import { decodeBullJob } from './bullmq-job';
import { gone } from './errors';
import { keyBytes, type BytesRef } from './key-ref';
import { readerFor } from './readers';

export const PREVIEW_BYTES = 1024 * 1024;
const DEFAULT_PAGE = 200;

export interface GetParams extends BytesRef {
  offset?: number;
  cursor?: string;
  limit?: number;
  maxBytes?: number;
}

export async function getKey(redis: Redis, params: GetParams): Promise<KeyDetails> {
  const key = keyBytes(params);
  const [type, ttlMs] = await Promise.all([redis.type(key), redis.pttl(key)]);
  if (type === 'none') throw gone();
  let read;
  try {
    read = await readerFor(type)(redis, {
      key,
      offset: params.offset ?? (Number(params.cursor) || 0),
      cursor: params.cursor,
      limit: params.limit ?? DEFAULT_PAGE,
      maxBytes: params.maxBytes ?? PREVIEW_BYTES,
    });
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('WRONGTYPE'))
      throw new ApiError('CONFLICT', 'the key changed type while it was read: reload it');
    throw err;
  }
  const value = read.value;
  if (value.kind === 'hash' && !params.keyEncoding && !params.cursor) {
    const bullJob = await decodeBullJob(redis, params.key, value.entries);
    if (bullJob) value.bullJob = bullJob;
  }
  return {
    key: params.key,
    ...(params.keyEncoding ? { keyEncoding: params.keyEncoding } : {}),
    type,
    ttlMs,
    size: read.size,
    value,
    nextCursor: read.nextCursor,
  };
}
