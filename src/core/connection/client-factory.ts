import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { countCommands } from './own-commands';

/**
 * What a client is for; each purpose carries the retry rule it needs:
 * - command: one retry per request, so a call fails instead of hanging while Redis is away;
 * - blocking: BullMQ's workers and event feeds require `maxRetriesPerRequest: null`;
 * - subscriber: ioredis' defaults (it reconnects and re-subscribes by itself);
 * - probe: a short-lived admin connection that never retries nor reconnects.
 */
export type ClientPurpose = 'command' | 'blocking' | 'subscriber' | 'probe';

const PURPOSE_OPTIONS: Record<ClientPurpose, RedisOptions> = {
  command: { maxRetriesPerRequest: 1 },
  blocking: { maxRetriesPerRequest: null },
  subscriber: {},
  probe: { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null },
};

/**
 * The one place a Redis client is built from a connection's options (standalone, TLS or Sentinel: ioredis follows
 * the Sentinel's primary by itself when `sentinels` and `name` are set). Every client counts its commands, so the
 * status bar can tell QueueDesk's own load from the app's.
 */
export function createClient(
  connection: RedisOptions,
  purpose: ClientPurpose,
  connectionName?: string,
  extra: RedisOptions = {},
): Redis {
  const options: RedisOptions = { ...connection, ...PURPOSE_OPTIONS[purpose], ...extra };
  if (connectionName) options.connectionName = connectionName;
  return countCommands(new Redis(options));
}

/**
 * A Redis Cluster client: `connection` applies to every node it opens (auth, TLS, purpose), ioredis finds the
 * other nodes from the ones given and routes each single-key command to its slot's primary.
 */
export function createClusterClient(
  nodes: Array<{ host: string; port: number }>,
  connection: RedisOptions,
  purpose: ClientPurpose,
  connectionName?: string,
  extra: ClusterOptions = {},
): Cluster {
  const redisOptions: RedisOptions = { ...connection, ...PURPOSE_OPTIONS[purpose] };
  if (connectionName) redisOptions.connectionName = connectionName;
  const { lazyConnect, retryStrategy: _r, ...perNode } = redisOptions;
  return new Cluster(nodes, { lazyConnect, ...extra, redisOptions: { ...perNode, ...extra.redisOptions } });
}
