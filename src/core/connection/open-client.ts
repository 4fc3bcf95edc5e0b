import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { createClient, createClusterClient } from './client-factory';
import { failureReason } from './seed-failure';
import { CONNECT_TIMEOUT_MS } from './connect-timeout';

/** How long the seeds or sentinels get to say why a connect failed: connect and reason stay under 10 s. */
const REASON_TIMEOUT_MS = 3000;

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
  try {
    return await ready(redis);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(await failureReason(message, options, null, REASON_TIMEOUT_MS), { cause: err });
  }
}

/** Opens the cluster client and waits until it knows the slots; failures as openClient's. */
export async function openCluster(
  nodes: Array<{ host: string; port: number }>,
  options: RedisOptions,
): Promise<Cluster> {
  const cluster = createClusterClient(nodes, options, 'command', 'queuedesk', {
    lazyConnect: true,
    enableOfflineQueue: false,
    clusterRetryStrategy: reconnectDelay,
    redisOptions: { connectTimeout: CONNECT_TIMEOUT_MS },
  });
  try {
    return await ready(cluster);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(await failureReason(message, options, nodes, REASON_TIMEOUT_MS), { cause: err });
  }
}

async function ready<T extends Redis | Cluster>(client: T): Promise<T> {
  let lastError: string | undefined;
  const onError = (err: Error): void => void (lastError = err.message);
  client.on('error', onError);
  try {
    await withTimeout(client.connect(), CONNECT_TIMEOUT_MS + 500, 'timed out connecting to Redis');
  } catch (err) {
    client.on('error', () => undefined);
    client.disconnect();
    throw new Error(lastError ?? (err instanceof Error ? err.message : String(err)), { cause: err });
  } finally {
    client.off('error', onError);
  }
  return client;
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
