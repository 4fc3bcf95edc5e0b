import type { Redis } from 'ioredis';
import type { DeleteProgressEvent } from '../../shared/contract';
import { requireConfirm } from '../confirm';
import { keyspaces, unlinkNames } from './cluster/unlink';
import { NameSet } from './name-set';
import { matchBytes, type ScanOptions } from './scan-page';

const COUNT = 1000;
const PROGRESS_MS = 200;

/** Matching names page by page, over every primary on a cluster. */
async function* namePages(redis: Redis, opts: ScanOptions): AsyncGenerator<Buffer[]> {
  for (const server of keyspaces(redis)) yield* serverNamePages(server, opts);
}

async function* serverNamePages(redis: Redis, opts: ScanOptions): AsyncGenerator<Buffer[]> {
  const match = matchBytes(opts);
  let cursor = '0';
  do {
    const typeArgs = opts.type ? ['TYPE', opts.type] : [];
    const [next, names] = (await redis.callBuffer(
      'SCAN',
      cursor,
      'MATCH',
      match,
      'COUNT',
      COUNT,
      ...typeArgs,
    )) as [Buffer, Buffer[]];
    cursor = next.toString();
    if (names.length) yield names;
  } while (cursor !== '0');
}

/**
 * How many keys match; SCAN can repeat a key while the table rehashes, so names are counted once, by
 * fingerprint (8 bytes a name held, see NameSet).
 */
export async function countPattern(redis: Redis, opts: ScanOptions): Promise<{ count: number }> {
  const seen = new NameSet();
  for await (const names of namePages(redis, opts)) for (const n of names) seen.add(n);
  return { count: seen.size };
}

/** `*`, `**`…: a pattern that deletes the whole keyspace (of a type, with a type filter). */
export function matchesEverything(match: Buffer): boolean {
  return match.length > 0 && match.every((b) => b === 0x2a);
}

/**
 * Deletes every match page by page (UNLINK), reporting progress at most every 200 ms. A pattern that matches
 * everything needs `confirm` equal to the number of keys it matches right now.
 */
export async function deletePattern(
  redis: Redis,
  opts: ScanOptions & { opId: string; confirm?: number },
  emit: (e: DeleteProgressEvent) => void,
): Promise<{ deleted: number }> {
  if (matchesEverything(matchBytes(opts))) {
    const { count } = await countPattern(redis, opts);
    requireConfirm(`Deleting every key (pattern "${opts.match}")`, count, opts.confirm);
  }
  let scanned = 0;
  let deleted = 0;
  let lastEmit = Date.now();
  try {
    for await (const names of namePages(redis, opts)) {
      scanned += names.length;
      deleted += await unlinkNames(redis, names);
      if (Date.now() - lastEmit >= PROGRESS_MS) {
        lastEmit = Date.now();
        emit({ opId: opts.opId, scanned, deleted, done: false });
      }
    }
  } catch (err) {
    emit({ opId: opts.opId, scanned, deleted, done: true, error: String(err) });
    throw err;
  }
  emit({ opId: opts.opId, scanned, deleted, done: true });
  return { deleted };
}
