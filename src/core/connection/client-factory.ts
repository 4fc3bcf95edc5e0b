import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { ApiError } from '../../shared/result';
import { countCommands } from './own-commands';
import { boundFirstConnect, duplicateFromLiveNodes } from './cluster-start';
import type { HostPort } from './cluster-seeds';

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
  if ((connection as SharedOptions).clusterNodes)
    throw new ApiError(
      'UNSUPPORTED',
      'this needs one server, and the connection is a Redis Cluster: pick a node of it',
    );
  const options: RedisOptions = { ...connection, ...PURPOSE_OPTIONS[purpose], ...extra };
  if (connectionName) options.connectionName = connectionName;
  return countCommands(new Redis(options));
}

/**
 * A Redis Cluster client: `connection` applies to every node it opens (auth, TLS, purpose), ioredis finds the
 * other nodes from the ones given and routes each single-key command to its slot's primary.
 */
export function createClusterClient(
  nodes: HostPort[],
  connection: RedisOptions,
  purpose: ClientPurpose,
  connectionName?: string,
  extra: ClusterOptions = {},
): Cluster {
  const redisOptions: RedisOptions = { ...connection, ...PURPOSE_OPTIONS[purpose] };
  if (connectionName) redisOptions.connectionName = connectionName;
  const { lazyConnect, retryStrategy: _r, ...perNode } = redisOptions;
  const cluster = new Cluster(nodes, {
    lazyConnect,
    ...extra,
    redisOptions: { ...perNode, ...extra.redisOptions },
  });
  // A probe fails by itself, and a client without an offline queue refuses what comes before it is ready.
  const bounded = purpose !== 'probe' && extra.enableOfflineQueue !== false;
  return prepareCluster(cluster, nodes, bounded);
}

/** Every cluster client, and each copy duplicate() makes of it: counted, bounded, started from live nodes. */
function prepareCluster(cluster: Cluster, nodes: HostPort[], bounded: boolean): Cluster {
  countCommands(cluster);
  if (bounded) boundFirstConnect(cluster, nodes);
  duplicateFromLiveNodes(cluster, nodes, (copy, start) => prepareCluster(copy, start, bounded));
  return cluster;
}

/**
 * Options of the connection in use that any process can copy (JSON-safe): a standalone or Sentinel server's
 * RedisOptions, or, on a Redis Cluster, the per-node options plus the seed nodes.
 */
export type SharedOptions = RedisOptions & { clusterNodes?: Array<{ host: string; port: number }> };

/**
 * A client for work that runs the same on one server and on a cluster (queues, workers, beat, pub/sub): a
 * Cluster when the options name cluster nodes, else a Redis. BullMQ and ioredis take either.
 */
export function createAnyClient(
  shared: SharedOptions,
  purpose: ClientPurpose,
  connectionName?: string,
  extra: RedisOptions = {},
): Redis | Cluster {
  const { clusterNodes, ...options } = shared;
  if (!clusterNodes) return createClient(options, purpose, connectionName, extra);
  const { lazyConnect, ...perNode } = extra;
  return createClusterClient(clusterNodes, { ...options, ...perNode }, purpose, connectionName, {
    lazyConnect,
  });
}
