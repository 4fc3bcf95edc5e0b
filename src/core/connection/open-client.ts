import type { Redis, RedisOptions } from 'ioredis';
import { createClient } from './client-factory';

export const CONNECT_TIMEOUT_MS = 5000;

/** Back-off for reconnects: 100 ms growing to 2 s, forever; the banner tells the user meanwhile. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt, 5), 2000);
}

/**
 * Opens the command client and waits until it is ready. On failure the client is closed and the socket's own
 * reason (ECONNREFUSED, WRONGPASS…) is thrown, which says more than ioredis' "Connection is closed".
 */
export async function openClient(options: RedisOptions): Promise<Redis> {
  const redis = createClient(options, 'command', 'queuedesk', {
    lazyConnect: true,
    // Calls made while Redis is away fail at once with NOT_CONNECTED instead of piling up.
    enableOfflineQueue: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: reconnectDelay,
  });
  let lastError: string | undefined;
  const onError = (err: Error): void => void (lastError = err.message);
  redis.on('error', onError);
  try {
    await withTimeout(redis.connect(), CONNECT_TIMEOUT_MS + 500, 'timed out connecting to Redis');
  } catch (err) {
    redis.on('error', () => undefined);
    redis.disconnect();
    throw new Error(lastError ?? (err instanceof Error ? err.message : String(err)), { cause: err });
  } finally {
    redis.off('error', onError);
  }
  return redis;
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]);
}
