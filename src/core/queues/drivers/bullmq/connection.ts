import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * The one non-blocking connection a driver shares between its Queue objects and its FlowProducer.
 * One retry per request so an API call fails instead of hanging while Redis is away.
 */
export function commandConnection(options: RedisOptions): Redis {
  const redis = new Redis({ ...options, maxRetriesPerRequest: 1, connectionName: 'queuedesk:queues' });
  redis.on('error', () => undefined); // reconnects on its own; callers see the failed command
  return redis;
}

/** Options for a blocking connection (QueueEvents): BullMQ requires `maxRetriesPerRequest: null` there. */
export function blockingOptions(options: RedisOptions): BullRedisOptions {
  // bullmq types its own copy of ioredis' options; the shapes agree on everything set here.
  return { ...options, maxRetriesPerRequest: null } as BullRedisOptions;
}
