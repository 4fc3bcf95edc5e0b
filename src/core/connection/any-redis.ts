import type { Cluster, Redis } from 'ioredis';
import keySlot from 'cluster-key-slot';

/** A client of either kind: what queues, workers, beat and metrics run on (ioredis routes each key by slot). */
export type AnyRedis = Redis | Cluster;

export function isCluster(redis: AnyRedis): redis is Cluster {
  return (redis as Cluster).isCluster === true;
}

/**
 * The servers a whole-server question (SCAN, CLIENT LIST) must be asked of: every primary of a cluster, in a
 * stable order, else the one server.
 */
export async function serversOf(redis: AnyRedis): Promise<Redis[]> {
  if (!isCluster(redis)) return [redis];
  await untilReady(redis);
  return redis
    .nodes('master')
    .sort((a, b) => nodeAddress(a).localeCompare(nodeAddress(b), 'en', { numeric: true }));
}

/**
 * Waits for a cluster client to know its nodes and slots (a new one knows none): a command waits in its offline
 * queue until then.
 */
export async function untilReady(redis: AnyRedis): Promise<void> {
  if (isCluster(redis) && redis.status !== 'ready') await redis.ping();
}

/**
 * The node connection a command on `key` goes through (on one server, the client itself): for what must reach
 * that very connection or its server, such as CLIENT ID and CLIENT UNBLOCK of a blocked read.
 */
export function serverOf(redis: AnyRedis, key: string): Redis {
  if (!isCluster(redis)) return redis;
  const owner = redis.slots[keySlot(key)]?.[0];
  const node = redis.nodes('master').find((n) => nodeAddress(n) === owner);
  if (!node) throw new Error(`no primary serves the slot of "${key}" yet`);
  return node;
}

/**
 * Whether every key starting with `prefix` hashes by the same tag (Redis's rule: the text between the first
 * "{" and the next "}", if not empty), so multi-key scripts over them work on a cluster.
 */
export function hasHashTag(prefix: string): boolean {
  return hashTagOf(prefix) !== '';
}

/** The hash tag a key's slot is chosen by ("{bull}"), or "" where it has none (then the whole key is hashed). */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open, close + 1) : '';
}

/** A new client like `redis` (same kind, nodes and options) named `<its name or "queuedesk">:<suffix>`. */
export function duplicateNamed(redis: AnyRedis, suffix: string): AnyRedis {
  if (!isCluster(redis))
    return redis.duplicate({ connectionName: `${redis.options.connectionName ?? 'queuedesk'}:${suffix}` });
  const perNode = redis.options.redisOptions ?? {};
  const connectionName = `${perNode.connectionName ?? 'queuedesk'}:${suffix}`;
  return redis.duplicate(undefined, { redisOptions: { ...perNode, connectionName } });
}

/** "host:port" of one node's client, as the cluster announces it and `node` fields name it. */
export function nodeAddress(redis: Redis): string {
  return `${redis.options.host ?? '127.0.0.1'}:${redis.options.port ?? 6379}`;
}
