import type { Redis } from 'ioredis';
import { trimArchive } from './archive';
import { celeryKeys, priorityStep } from './keys';
import { encodeMessage, type CeleryMessage } from './message';
import { validateEncoded } from './validate';

export interface Outgoing {
  queue: string;
  message: CeleryMessage;
}

/**
 * Messages per pipeline. ioredis writes a pipeline as one string: a 5,000-message batch was an 8 MB one, in V8's
 * large-object space, which only a full GC frees, so a 100k addCopies grew the heap by ~100 MB. Slices of this
 * size stay young garbage; they are all sent before any reply is awaited, so the round trips are the same.
 */
const PER_WRITE = 64;

/** One LPUSH per list and one HSET/ZADD for the archive per slice keep a batch to a handful of commands each. */
function pushSlice(
  redis: Redis,
  outgoing: Outgoing[],
  texts: string[],
  from: number,
  to: number,
  now: number,
): ReturnType<ReturnType<Redis['pipeline']>['exec']> {
  const lists = new Map<string, string[]>();
  const archive: string[] = [];
  const index: Array<number | string> = [];
  for (let i = from; i < to; i++) {
    const { queue, message } = outgoing[i] as Outgoing;
    const text = texts[i] as string;
    const key = celeryKeys.bucket(queue, priorityStep(message.properties.priority));
    const items = lists.get(key);
    if (items) items.push(text);
    else lists.set(key, [text]);
    archive.push(message.headers.id, text);
    index.push(now, message.headers.id);
  }
  const pipe = redis.pipeline();
  for (const [key, items] of lists) pipe.lpush(key, ...items);
  pipe.hset(celeryKeys.sentArchive, ...archive).zadd(celeryKeys.sentIndex, ...index);
  return pipe.exec();
}

/**
 * Validates every message first, then pushes them all as kombu does (LPUSH to the priority list, SADD the
 * queue's binding so Celery tools see the queue), in pipelines sent back to back. Nothing is pushed if one message
 * is bad.
 */
export async function pushMessages(
  redis: Redis,
  outgoing: Outgoing[],
  extra: { before?: (p: ReturnType<Redis['pipeline']>) => void; later?: CeleryMessage[] } = {},
): Promise<void> {
  const texts = outgoing.map((o) => encodeMessage(o.message));
  const bodies = new Set<string>();
  for (const text of texts) validateEncoded(text, bodies);
  const now = Date.now();
  const pipe = redis.pipeline();
  extra.before?.(pipe);
  // Steps a worker sends later (chain tails, chord bodies): archived so they can be looked up before they run.
  for (const m of extra.later ?? []) {
    pipe.hset(celeryKeys.sentArchive, m.headers.id, encodeMessage(m));
    pipe.zadd(celeryKeys.sentIndex, now, m.headers.id);
  }
  const writes = [pipe.exec()];
  for (let from = 0; from < outgoing.length; from += PER_WRITE)
    writes.push(pushSlice(redis, outgoing, texts, from, Math.min(outgoing.length, from + PER_WRITE), now));
  const last = redis.pipeline();
  for (const queue of new Set(outgoing.map((o) => o.queue))) {
    last.sadd(celeryKeys.binding(queue), celeryKeys.bindingMember(queue));
  }
  writes.push(last.exec());
  const failed = (await Promise.all(writes)).flatMap((r) => r ?? []).find(([err]) => err);
  if (failed?.[0]) throw failed[0];
  await trimArchive(redis);
}
