import type { Redis } from 'ioredis';
import { decodeBytes } from '../../bytes';
import { ApiError } from '../../../shared/result';
import { gone } from '../errors';
import { keyBytes, type BytesRef } from '../key-ref';

/** RENAMENX: never overwrites a key that already has the new name. */
export async function renameKey(
  redis: Redis,
  params: BytesRef & { newKey: string; newKeyEncoding?: 'base64' },
): Promise<{ ok: true }> {
  let renamed: number;
  try {
    renamed = await redis.renamenx(keyBytes(params), decodeBytes(params.newKey, params.newKeyEncoding));
  } catch (err) {
    if (err instanceof Error && /no such key/i.test(err.message)) throw gone();
    throw err;
  }
  if (renamed === 0) throw new ApiError('CONFLICT', 'a key with the new name already exists');
  return { ok: true };
}
