import type { Redis } from 'ioredis';
import type { GuardedSend } from '../../driver';
import { trimArchive } from './archive';
import { celeryKeys, priorityStep } from './keys';
import { encodeMessage, type CeleryMessage } from './message';
import { validateEncoded } from './validate';

/** kombu's LPUSH with the queue's binding and QueueDesk's archive copy; its keys and args come after the guard's. */
const PUSH = `
local k, a = #KEYS - 4, #ARGV - 4
redis.call('LPUSH', KEYS[k + 1], ARGV[a + 1])
redis.call('SADD', KEYS[k + 2], ARGV[a + 2])
redis.call('HSET', KEYS[k + 3], ARGV[a + 3], ARGV[a + 1])
redis.call('ZADD', KEYS[k + 4], ARGV[a + 4], ARGV[a + 3])
`;

/**
 * Pushes one message as `pushMessages` does, but inside the caller's check and record in one script: nothing can
 * come between them (a killed caller, a failover: a script replicates whole). Returns 1 once sent.
 */
export async function pushGuarded(
  redis: Redis,
  queue: string,
  message: CeleryMessage,
  guard: GuardedSend,
): Promise<number> {
  const text = encodeMessage(message);
  validateEncoded(text);
  const keys = [
    ...guard.keys,
    celeryKeys.bucket(queue, priorityStep(message.properties.priority)),
    celeryKeys.binding(queue),
    celeryKeys.sentArchive,
    celeryKeys.sentIndex,
  ];
  const args = [...guard.args, text, celeryKeys.bindingMember(queue), message.headers.id, String(Date.now())];
  const script = `${guard.check}\n${PUSH}\n${guard.record}\nreturn 1`;
  const reply = Number(await redis.eval(script, keys.length, ...keys, ...args));
  if (reply === 1) await trimArchive(redis);
  return reply;
}
