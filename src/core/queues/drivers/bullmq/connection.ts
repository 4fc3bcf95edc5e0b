import type { Redis, RedisOptions } from 'ioredis';
import { createAnyClient, createClient, type SharedOptions } from '../../../connection/client-factory';
import type { AnyRedis } from '../../../connection/any-redis';

/**
 * The one non-blocking connection a driver shares between its Queue objects and its FlowProducer (a Cluster
 * client on a cluster: BullMQ takes the instance). One retry per request so an API call fails instead of
 * hanging while Redis is away.
 */
export function commandConnection(options: SharedOptions): AnyRedis {
  const redis = createAnyClient(options, 'command', 'queuedesk:queues');
  redis.on('error', () => undefined); // reconnects on its own; callers see the failed command
  return redis;
}

/** A connection for blocking reads (the event feed): BullMQ requires `maxRetriesPerRequest: null` there. */
export function blockingConnection(options: SharedOptions): AnyRedis {
  const redis = createAnyClient(options, 'blocking', 'queuedesk:events');
  redis.on('error', () => undefined);
  return redis;
}

/** The command connection of an engine that needs one server (Celery's kombu layout): UNSUPPORTED on a cluster. */
export function serverConnection(options: RedisOptions): Redis {
  const redis = createClient(options, 'command', 'queuedesk:queues');
  redis.on('error', () => undefined);
  return redis;
}
