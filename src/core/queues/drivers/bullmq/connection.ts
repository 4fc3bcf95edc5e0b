import { Redis, type RedisOptions } from 'ioredis';
import { countCommands } from '../../../connection/own-commands';

/**
 * The one non-blocking connection a driver shares between its Queue objects and its FlowProducer.
 * One retry per request so an API call fails instead of hanging while Redis is away.
 */
export function commandConnection(options: RedisOptions): Redis {
  const redis = countCommands(
    new Redis({ ...options, maxRetriesPerRequest: 1, connectionName: 'queuedesk:queues' }),
  );
  redis.on('error', () => undefined); // reconnects on its own; callers see the failed command
  return redis;
}

/** A connection for blocking reads (the event feed): BullMQ requires `maxRetriesPerRequest: null` there. */
export function blockingConnection(options: RedisOptions): Redis {
  const redis = countCommands(
    new Redis({ ...options, maxRetriesPerRequest: null, connectionName: 'queuedesk:events' }),
  );
  redis.on('error', () => undefined);
  return redis;
}
