import type { Redis } from 'ioredis';
import { unlinkNames } from '../cluster/unlink';
import { keyBytes, type BytesRef } from '../key-ref';

const BATCH = 1000;

/** UNLINK frees memory off the main thread; batches keep each call short. */
export async function deleteKeys(redis: Redis, keys: Array<string | BytesRef>): Promise<{ deleted: number }> {
  const refs = keys.map((k) => (typeof k === 'string' ? { key: k } : k));
  let deleted = 0;
  for (let i = 0; i < refs.length; i += BATCH) {
    deleted += await unlinkNames(redis, refs.slice(i, i + BATCH).map(keyBytes));
  }
  return { deleted };
}
