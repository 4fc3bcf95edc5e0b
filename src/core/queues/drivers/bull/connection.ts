import type { Redis, RedisOptions } from 'ioredis';
import { createClient } from '../../../connection/client-factory';

/** The driver's own connection for counts, discovery and CLIENT LIST; one retry so calls fail rather than hang. */
export function bullCommandConnection(options: RedisOptions): Redis {
  const redis = createClient(options, 'command', 'queuedesk:bull');
  redis.on('error', () => undefined); // reconnects on its own; callers see the failed command
  return redis;
}
