import type { Redis } from 'ioredis';
import { gone } from '../errors';
import { hashLines, listLines, setLines, streamLines, zsetLines } from './lines';

/** GETRANGE step for strings: 1 MiB keeps each reply small while a 20 MB value takes ~20 round trips. */
export const STRING_CHUNK = 1024 * 1024;

export interface ExportInfo {
  type: string;
  /** Strings are saved as their raw bytes; collections as JSON lines, one element a line. */
  contentType: string;
  extension: string;
  /** Byte length when known up front (strings, raw dumps). */
  length: number | null;
}

export async function describeExport(redis: Redis, key: Buffer): Promise<ExportInfo> {
  const type = await redis.type(key);
  if (type === 'none') throw gone();
  if (type === 'string') {
    const length = await redis.strlen(key);
    return { type, contentType: 'application/octet-stream', extension: 'bin', length };
  }
  if (['hash', 'list', 'set', 'zset', 'stream'].includes(type))
    return { type, contentType: 'application/x-ndjson', extension: 'jsonl', length: null };
  return { type, contentType: 'application/octet-stream', extension: 'dump', length: null };
}

/**
 * A string's bytes [from, to), `to` being at most the length read when the export started (a value that
 * grows meanwhile is cut there).
 */
export async function* stringChunks(
  redis: Redis,
  key: Buffer,
  from: number,
  to: number,
  step = STRING_CHUNK,
): AsyncGenerator<Buffer> {
  for (let start = from; start < to; start += step) {
    const end = Math.min(start + step, to) - 1;
    const chunk = await redis.getrangeBuffer(key, start, end);
    if (chunk.length === 0) return;
    yield chunk;
  }
}

/**
 * The key's whole value as a stream of chunks read page by page from Redis, so saving a value of any size
 * never holds more than one page in memory. The consumer's back-pressure paces the reads.
 */
export async function* valueChunks(
  redis: Redis,
  key: Buffer,
  info: ExportInfo,
): AsyncGenerator<Buffer | string> {
  switch (info.type) {
    case 'string':
      return yield* stringChunks(redis, key, 0, info.length ?? 0);
    case 'hash':
      return yield* hashLines(redis, key);
    case 'list':
      return yield* listLines(redis, key);
    case 'set':
      return yield* setLines(redis, key);
    case 'zset':
      return yield* zsetLines(redis, key);
    case 'stream':
      return yield* streamLines(redis, key);
    default: {
      const dump = await redis.dumpBuffer(key);
      if (dump) yield dump;
    }
  }
}

/** A file name for the download: the key with anything unsafe replaced, and the format's extension. */
export function exportFileName(keyText: string, info: ExportInfo): string {
  const base = keyText.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'value';
  return `${base}.${info.extension}`;
}
