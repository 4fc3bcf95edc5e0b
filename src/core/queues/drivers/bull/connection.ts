import { Redis, type RedisOptions } from 'ioredis';
import { countCommands } from '../../../connection/own-commands';

/** The driver's own connection for counts, discovery and CLIENT LIST; one retry so calls fail rather than hang. */
export function bullCommandConnection(options: RedisOptions): Redis {
  const redis = countCommands(
    new Redis({ ...options, maxRetriesPerRequest: 1, connectionName: 'queuedesk:bull' }),
  );
  redis.on('error', () => undefined); // reconnects on its own; callers see the failed command
  return redis;
}
