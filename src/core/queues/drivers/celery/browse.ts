import type { Redis } from 'ioredis';
import type { JobPage, JobSummary } from '../../../../shared/contract/queues';
import type { JobState } from '../../../../shared/contract/task-model';
import type { JobQuery } from '../../driver';
import type { SeenMessage } from './archive';
import { decodeMessage, type DecodedMessage } from './decode';
import { celeryKeys, PRIORITY_STEPS } from './keys';
import { searchMatcher } from './search-match';

/** Elements per LRANGE: fewer round trips, while two chunks in memory stay a few MB. */
const CHUNK = 5000;
/** A search reads at most this many waiting messages, then says it was truncated. */
const SEARCH_CAP = 200_000;

export function summaryOf(queue: string, m: DecodedMessage, state: JobState): JobSummary {
  const eta = typeof m.headers.eta === 'string' ? Date.parse(m.headers.eta) : NaN;
  const args = m.broken
    ? m.broken
    : JSON.stringify(m.args) + (Object.keys(m.kwargs).length ? ` ${JSON.stringify(m.kwargs)}` : '');
  return {
    id: m.id,
    queue,
    task: m.task,
    state,
    argsPreview: args.slice(0, 300),
    attemptsMade: Number(m.headers.retries ?? 0),
    maxAttempts: null,
    progress: null,
    timestamps: { created: null, ...(Number.isNaN(eta) ? {} : { due: eta }) },
  };
}

/** One LRANGE of a walk. */
interface Slice {
  key: string;
  start: number;
  stop: number;
}

/**
 * The LRANGEs that read the waiting lists in consumption order (bucket 0 first, each list from its tail: kombu
 * LPUSHes and BRPOPs) or its reverse, CHUNK elements each.
 */
function slices(queue: string, order: 'newest' | 'oldest', lengths: number[]): Slice[] {
  const out: Slice[] = [];
  const steps = PRIORITY_STEPS.map((s, i) => ({ key: celeryKeys.bucket(queue, s), len: lengths[i] ?? 0 }));
  if (order === 'newest') steps.reverse();
  for (const { key, len } of steps) {
    for (let done = 0; done < len; done += CHUNK) {
      if (order === 'newest') out.push({ key, start: done, stop: Math.min(len, done + CHUNK) - 1 });
      else out.push({ key, start: Math.max(0, len - done - CHUNK), stop: len - done - 1 });
    }
  }
  return out;
}

/**
 * Hands the waiting messages to `visit` in chunks, in `order`, until it returns false. The next chunk is asked for
 * before this one is visited, so Redis and the connection work while this process decodes: on a busy machine the
 * count was mostly waiting on one round trip after another.
 */
async function walk(
  redis: Redis,
  queue: string,
  order: 'newest' | 'oldest',
  lengths: number[],
  visit: (raws: string[]) => boolean,
): Promise<void> {
  const plan = slices(queue, order, lengths);
  const read = (s: Slice): Promise<string[]> => redis.lrange(s.key, s.start, s.stop);
  let next = plan[0] ? read(plan[0]) : null;
  for (let k = 0; next; k++) {
    const raws = await next;
    const after = plan[k + 1];
    next = after ? read(after) : null;
    if (!visit(order === 'oldest' ? raws.reverse() : raws)) {
      next?.catch(() => undefined); // not needed any more
      return;
    }
  }
}

/** The row of a waiting message, noting it as seen (kept for a retry) when it decodes. */
function seenRow(queue: string, raw: string, seen: SeenMessage[]): JobSummary {
  const m = decodeMessage(raw);
  if (!m.broken && m.id) seen.push({ id: m.id, raw });
  return summaryOf(queue, m, 'waiting');
}

/**
 * A page of waiting messages: only the slice asked for is read and decoded, unless searching. The messages
 * shown are added to `seen`.
 */
export async function listWaiting(
  redis: Redis,
  queue: string,
  query: JobQuery,
  lengths: number[],
  seen: SeenMessage[] = [],
): Promise<JobPage> {
  const total = lengths.reduce((a, b) => a + b, 0);
  const needle = query.search?.toLowerCase();
  const jobs: JobSummary[] = [];
  if (!needle) {
    const steps = PRIORITY_STEPS.map((s, i) => ({ key: celeryKeys.bucket(queue, s), len: lengths[i] ?? 0 }));
    if (query.order === 'newest') steps.reverse();
    let skip = query.offset;
    let want = query.limit;
    for (const { key, len } of steps) {
      if (want <= 0) break;
      if (skip >= len) {
        skip -= len;
        continue;
      }
      const n = Math.min(want, len - skip);
      const raws =
        query.order === 'newest'
          ? await redis.lrange(key, skip, skip + n - 1)
          : (await redis.lrange(key, len - skip - n, len - skip - 1)).reverse();
      jobs.push(...raws.map((r) => seenRow(queue, r, seen)));
      want -= raws.length;
      skip = 0;
    }
    return { jobs, total };
  }
  let matches = 0;
  let scanned = 0;
  const isMatch = searchMatcher(needle);
  await walk(redis, queue, query.order, lengths, (raws) => {
    for (const raw of raws) {
      if (!isMatch(raw)) continue;
      if (matches >= query.offset && jobs.length < query.limit) jobs.push(seenRow(queue, raw, seen));
      matches++;
    }
    scanned += raws.length;
    return scanned < SEARCH_CAP;
  });
  return { jobs, total: matches, truncated: scanned >= SEARCH_CAP && scanned < total };
}

/** The waiting message with this task id, and the list holding it. */
export async function findWaiting(
  redis: Redis,
  queue: string,
  id: string,
): Promise<{ key: string; raw: string; message: DecodedMessage } | null> {
  for (const step of PRIORITY_STEPS) {
    const key = celeryKeys.bucket(queue, step);
    const len = await redis.llen(key);
    for (let at = 0; at < len; at += CHUNK) {
      for (const raw of await redis.lrange(key, at, at + CHUNK - 1)) {
        if (!raw.includes(id)) continue;
        const message = decodeMessage(raw);
        if (message.id === id) return { key, raw, message };
      }
    }
  }
  return null;
}
