import type { Redis } from 'ioredis';
import type { ConnectionManager } from '../../connection/manager';
import { primaries } from '../../keys/cluster/primaries';

export interface PageNode {
  /** "host:port" on a cluster; absent on one server. */
  node?: string;
  redis: Redis;
}

const WHAT = 'the server page';

/** The one server a server page reads: on a cluster the node picked (required), else the server in use. */
export function pageNode(connection: ConnectionManager, node: string | undefined): PageNode {
  const redis = connection.nodeClient(node, WHAT);
  return connection.cluster() ? { node, redis } : { redis };
}

/** As pageNode, and "primaries" gives every primary of a cluster (the one server elsewhere). */
export function pageNodes(connection: ConnectionManager, node: string | undefined): PageNode[] {
  const cluster = connection.cluster();
  if (node !== 'primaries') return [pageNode(connection, node)];
  if (!cluster) return [{ redis: connection.client() }];
  return primaries(cluster).map((p) => ({ node: p.name, redis: p.redis }));
}

/** Tags each row with the node it came from (on a cluster). */
export function tagged<T extends object>(rows: T[], node: string | undefined): Array<T & { node?: string }> {
  return node ? rows.map((r) => ({ ...r, node })) : rows;
}
