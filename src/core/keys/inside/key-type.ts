import type { Redis } from 'ioredis';
import { ApiError } from '../../../shared/result';
import { gone } from '../errors';

/** The key's type, when it is one of `allowed`: NOT_FOUND when gone, CONFLICT for another type. */
export async function typeOf<T extends string>(redis: Redis, key: Buffer, allowed: readonly T[]): Promise<T> {
  const type = await redis.type(key);
  if (type === 'none') throw gone();
  if (!(allowed as readonly string[]).includes(type))
    throw new ApiError('CONFLICT', `key is a ${type}, not a ${allowed.join(' or ')}: reload it`);
  return type as T;
}

/** A WRONGTYPE reply means the key was replaced between TYPE and the read. */
export function changedType(err: unknown): unknown {
  if (err instanceof Error && err.message.startsWith('WRONGTYPE'))
    return new ApiError('CONFLICT', 'the key changed type while it was read: reload it');
  return err;
}
