import type { Cluster } from 'ioredis';
import { ApiError } from '../../../shared/result';
import type { ScanPage } from '../../../shared/contract';
import { scanPage, type ScanOptions } from '../scan-page';
import { onNode, primaries } from './primaries';

/**
 * One page of a walk over every primary of a cluster. The cursor is `<primary index>:<that node's cursor>`
 * ("0" to start and when every primary is done), so a page comes from one node and says which.
 */
export async function clusterScanPage(
  cluster: Cluster,
  cursor: string,
  opts: ScanOptions,
  /** Primaries lost in a failover now: skipped, their keys unreachable until a replica takes over. */
  lost: string[] = [],
): Promise<ScanPage> {
  const nodes = primaries(cluster).filter((n) => !lost.includes(n.name));
  const [index, nodeCursor] = cursor === '0' ? [0, '0'] : parseCursor(cursor, nodes.length);
  const node = nodes[index]!;
  const page = await scanPage(node.redis, nodeCursor, { ...opts, slots: true });
  const next =
    page.cursor !== '0' ? `${index}:${page.cursor}` : index + 1 < nodes.length ? `${index + 1}:0` : '0';
  return { cursor: next, keys: onNode(page.keys, node.name) };
}

function parseCursor(cursor: string, count: number): [number, string] {
  const m = /^(\d+):(\d+)$/.exec(cursor);
  if (!m || Number(m[1]) >= count)
    throw new ApiError('INVALID_INPUT', `"${cursor}" is not a cursor of this cluster's scan`);
  return [Number(m[1]), m[2]!];
}
