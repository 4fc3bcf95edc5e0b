import type { Redis } from 'ioredis';
import type { QueueSummary } from '../../../../shared/contract/queues';
import { celeryKeys, isControlExchange, PRIORITY_STEPS, SEP } from './keys';
import type { Reserved } from './unacked';

/** Queue names bound in kombu's `_kombu.binding.<exchange>` sets (members `routing_key␆␖pattern␆␖queue`). */
export async function boundQueues(redis: Redis): Promise<string[]> {
  const bindings: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', celeryKeys.bindingPattern, 'COUNT', 500);
    cursor = next;
    bindings.push(...keys);
  } while (cursor !== '0');
  const queues = new Set<string>();
  for (const key of bindings) {
    const exchange = key.slice('_kombu.binding.'.length);
    if (isControlExchange(exchange)) continue;
    for (const member of await redis.smembers(key)) {
      const queue = member.split(SEP)[2];
      if (queue && !queue.endsWith('.pidbox') && !queue.startsWith('celeryev.')) queues.add(queue);
    }
  }
  return [...queues].sort();
}

/** Waiting counts per priority list, highest priority (0) first. */
export async function bucketLengths(redis: Redis, queue: string): Promise<number[]> {
  const pipe = redis.pipeline();
  for (const key of celeryKeys.buckets(queue)) pipe.llen(key);
  const res = (await pipe.exec()) ?? [];
  return res.map(([, n]) => Number(n ?? 0));
}

/** A queue's row: exact waiting/reserved numbers; what Celery keeps no per-queue record of is null. */
export function summarizeCelery(queue: string, lengths: number[], reserved: Reserved[]): QueueSummary {
  const scheduled = reserved.filter((r) => r.scheduled).length;
  return {
    name: queue,
    prefix: '',
    engine: 'celery',
    counts: {
      waiting: lengths.reduce((a, b) => a + b, 0),
      active: reserved.length - scheduled,
      delayed: scheduled,
      prioritized: null,
      waitingChildren: null,
      completed: null,
      failed: null,
      paused: null,
    },
    paused: false,
    workers: null,
    levels: PRIORITY_STEPS.map((priority, i) => ({ priority, waiting: lengths[i] ?? 0 })),
  };
}
