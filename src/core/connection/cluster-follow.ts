import type { Cluster, Redis } from 'ioredis';
import type { LostNode } from '../../shared/contract';
import { ApiError } from '../../shared/result';
import { nodeAddress } from './any-redis';
import { watchClusterFailover } from './cluster-failover';
import { refuseUnservedSlots } from './unserved-slots';

export interface FollowListener {
  /** Primaries lost and not replaced yet, each time the list changes. */
  lost(nodes: LostNode[]): void;
  /** Every slot is served again. */
  whole(): void;
}

/**
 * The cluster connection's failover state. A cluster stays 'ready' while one primary dies, and so does the
 * connection: every other slot is served. The lost nodes and their slots show in the status until the cluster
 * is whole again; commands for those slots fail at once with a clear error meanwhile.
 */
export class ClusterFollower {
  /** Cluster primaries lost and not replaced yet (null while the cluster is whole, and on other connections). */
  private lostNodes: LostNode[] | null = null;
  private stopWatch: (() => void) | null = null;

  lost(): LostNode[] | null {
    return this.lostNodes;
  }

  /** Follows `cluster` from now on (and stops following the one before). */
  follow(cluster: Cluster, on: FollowListener): void {
    this.stop();
    const unguard = refuseUnservedSlots(cluster, () => this.lostNodes);
    const unwatch = watchClusterFailover(cluster, {
      lost: (nodes) => {
        this.lostNodes = nodes;
        on.lost(nodes);
      },
      whole: () => {
        this.lostNodes = null;
        on.whole();
      },
    });
    this.stopWatch = () => {
      unwatch();
      unguard();
    };
  }

  stop(): void {
    this.stopWatch?.();
    this.stopWatch = null;
    this.lostNodes = null;
  }

  /** The node `node` names, with a clear error for a primary lost in a failover (ioredis may have dropped it). */
  liveNode(cluster: Cluster, node: string | undefined, what: string): Redis {
    if (node && this.lostNodes?.some((n) => n.address === node))
      throw new ApiError(
        'REDIS_ERROR',
        `node ${node} is lost and its replica has not taken over yet; try again in a moment`,
      );
    return findNode(cluster, node, what);
  }
}

/** The node `node` names, or a clear error listing the nodes there are. */
function findNode(cluster: Cluster, node: string | undefined, what: string): Redis {
  const all = cluster.nodes('all');
  const names = all.map(nodeAddress).sort().join(', ');
  if (!node)
    throw new ApiError('UNSUPPORTED', `${what} runs on one node of the cluster: pick one (node) of ${names}`);
  const found = all.find((n) => nodeAddress(n) === node);
  if (!found) throw new ApiError('NOT_FOUND', `no node ${node} in this cluster; its nodes are ${names}`);
  return found;
}
