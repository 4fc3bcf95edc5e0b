import type { Redis, RedisOptions } from 'ioredis';
import { createClient } from '../../../connection/client-factory';

/**
 * The one non-blocking connection a driver shares between its Queue objects and its FlowProducer.
 * One retry per request so an API call fails instead of hanging while Redis is away.
 */
export function commandConnection(options: RedisOptions): Redis {
  const redis = createClient(options, 'command', 'queuedesk:queues');
  redis.on('error', () => undefined); // reconnects on its own; callers see the failed command
  return redis;
}

/** A connection for blocking reads (the event feed): BullMQ requires `maxRetriesPerRequest: null` there. */
export function blockingConnection(options: RedisOptions): Redis {
  const redis = createClient(options, 'blocking', 'queuedesk:events');
  redis.on('error', () => undefined);
  return redis;
}
