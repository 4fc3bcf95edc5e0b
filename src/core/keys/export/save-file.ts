import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Redis } from 'ioredis';
import { describeExport, valueChunks } from './chunks';

/**
 * Streams a key's value into a file: written beside the target and renamed at the end, so a failed or
 * interrupted save never leaves a half-written file under the chosen name.
 */
export async function saveValueToFile(redis: Redis, key: Buffer, path: string): Promise<{ bytes: number }> {
  const info = await describeExport(redis, key);
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  try {
    await pipeline(Readable.from(valueChunks(redis, key, info)), out);
    await rename(partial, path);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return { bytes: out.bytesWritten };
}
