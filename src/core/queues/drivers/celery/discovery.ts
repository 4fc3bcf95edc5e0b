import type { Redis } from 'ioredis';
import type { QueueSummary } from '../../../../shared/contract/queues';
import { celeryKeys, isControlExchange, PRIORITY_STEPS, SEP } from './keys';
import type { Reserved } from './unacked';

/** Binding keys are found by a SCAN of the whole keyspace: a live view's 1 s poll reuses them this long. */
const BINDINGS_TTL_MS = 60_000;

/** Finds kombu's binding keys, walking the keyspace only when asked or when the last walk is old. */
export class BindingKeys {
  private keys: string[] | null = null;
  private at = 0;

  async get(redis: Redis, fresh: boolean): Promise<string[]> {
    if (!fresh && this.keys && Date.now() - this.at < BINDINGS_TTL_MS) return this.keys;
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', celeryKeys.bindingPattern, 'COUNT', 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
    this.keys = found;
    this.at = Date.now();
    return found;
  }

  /** A queue QueueDesk just declared is known without another walk. */
  add(queue: string): void {
    const key = celeryKeys.binding(queue);
    if (this.keys && !this.keys.includes(key)) this.keys.push(key);
  }
}

/** Queue names bound in kombu's `_kombu.binding.<exchange>` sets (members `routing_key␆␖pattern␆␖queue`). */
export async function boundQueues(redis: Redis, bindings: string[]): Promise<string[]> {
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
