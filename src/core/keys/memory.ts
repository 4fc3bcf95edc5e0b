import type { Redis } from 'ioredis';
import { keyBytes, type BytesRef } from './key-ref';

/** MEMORY USAGE for the visible rows, pipelined; null for keys gone meanwhile. */
export async function memoryUsage(redis: Redis, refs: BytesRef[]): Promise<{ bytes: Array<number | null> }> {
  const pipeline = redis.pipeline();
  for (const ref of refs) pipeline.call('MEMORY', 'USAGE', keyBytes(ref));
  const replies = (await pipeline.exec()) ?? [];
  return { bytes: replies.map(([err, v]) => (err || v === null ? null : Number(v))) };
}
