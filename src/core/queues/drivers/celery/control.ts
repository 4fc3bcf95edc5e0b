import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { controlEnvelope, openEnvelope } from './envelope';
import { celeryKeys, SEP } from './keys';

let clock = 0;

/** Sends a remote-control command to every worker without waiting for replies (revoke, enable_events). */
export async function cast(
  redis: Redis,
  db: number,
  method: string,
  args: Record<string, unknown>,
): Promise<void> {
  const body = { method, arguments: args, destination: null, pattern: null, matcher: null };
  const headers = { clock: ++clock, expires: Date.now() / 1000 + 10 };
  await broadcast(redis, db, controlEnvelope(body, headers, 'celery.pidbox'));
}

/**
 * One envelope on each channel workers may listen on (keys.ts fanoutPrefixes); a kombu that listens on both
 * drops the second copy by its delivery tag, which is the same.
 */
async function broadcast(redis: Redis, db: number, envelope: string): Promise<void> {
  await Promise.all(celeryKeys.pidboxes(db).map((channel) => redis.publish(channel, envelope)));
}

/**
 * A remote-control call as kombu's Mailbox makes it (protocol §5): bind a reply queue, publish, collect the
 * workers' LPUSHed replies until the timeout, unbind. Returns reply by node name. With `destination`, only those
 * nodes act and reply, and the wait ends once all of them have.
 */
export async function call(
  redis: Redis,
  db: number,
  method: string,
  args: Record<string, unknown> = {},
  timeoutMs = 1000,
  destination: string[] | null = null,
): Promise<Map<string, unknown>> {
  const oid = randomUUID();
  const ticket = randomUUID();
  const member = `${oid}${SEP}${SEP}${celeryKeys.replyList(oid)}`;
  const replyKey = celeryKeys.replyList(oid);
  const body = {
    method,
    arguments: args,
    destination,
    pattern: null,
    matcher: null,
    ticket,
    reply_to: { exchange: 'reply.celery.pidbox', routing_key: oid },
  };
  const headers = { clock: ++clock, expires: Date.now() / 1000 + timeoutMs / 1000 };
  const blocking = redis.duplicate();
  blocking.on('error', () => undefined);
  const replies = new Map<string, unknown>();
  try {
    await redis.sadd(celeryKeys.replyBinding, member);
    await broadcast(redis, db, controlEnvelope(body, headers, 'celery.pidbox'));
    const deadline = Date.now() + timeoutMs;
    for (let left = timeoutMs; left > 0; left = deadline - Date.now()) {
      const popped = await blocking.brpop(replyKey, Math.max(0.01, left / 1000));
      if (!popped) break;
      const reply = openEnvelope(popped[1]);
      if (!reply || reply.headers.ticket !== ticket) continue;
      for (const [node, value] of Object.entries((reply.body ?? {}) as Record<string, unknown>))
        replies.set(node, value);
      if (destination && destination.every((d) => replies.has(d))) break;
    }
  } finally {
    blocking.disconnect();
    await redis.srem(celeryKeys.replyBinding, member);
    await redis.del(...[0, 3, 6, 9].map((s) => celeryKeys.bucket(replyKey, s)));
  }
  return replies;
}
