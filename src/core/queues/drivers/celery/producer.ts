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
 * Validates every message first, then pushes them all in one pipeline as kombu does (LPUSH to the priority
 * list, SADD the queue's binding so Celery tools see the queue). Nothing is pushed if one message is bad.
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
  // One LPUSH per list and one HSET/ZADD for the archive keep a batch of copies to a handful of commands.
  const lists = new Map<string, string[]>();
  const archive: string[] = [];
  const index: Array<number | string> = [];
  outgoing.forEach(({ queue, message }, i) => {
    const text = texts[i] as string;
    const key = celeryKeys.bucket(queue, priorityStep(message.properties.priority));
    const items = lists.get(key);
    if (items) items.push(text);
    else lists.set(key, [text]);
    archive.push(message.headers.id, text);
    index.push(now, message.headers.id);
  });
  for (const [key, items] of lists) pipe.lpush(key, ...items);
  if (archive.length) pipe.hset(celeryKeys.sentArchive, ...archive).zadd(celeryKeys.sentIndex, ...index);
  for (const queue of new Set(outgoing.map((o) => o.queue))) {
    pipe.sadd(celeryKeys.binding(queue), celeryKeys.bindingMember(queue));
  }
  const results = await pipe.exec();
  const failed = results?.find(([err]) => err);
  if (failed?.[0]) throw failed[0];
  await trimArchive(redis);
}
