import type { Cluster, Redis } from 'ioredis';
import type { ClusterNodeInfo, LostNode } from '../../shared/contract';
import { parseClusterNodes } from './cluster-info';
import { pollFailingPrimaries } from './cluster-health';
import { nodeAddress } from './any-redis';

/** How often, only while a primary is lost, one surviving node is asked whether the cluster is whole again. */
export const FAILOVER_CHECK_MS = 1000;
/** How long a lost node gets to answer a PING before it counts as gone. */
const PROBE_MS = 1000;
const SLOTS = 16384;

export interface FailoverListener {
  /**
   * Primaries lost, each with the slots nobody serves now (by address), each time the list grows or a replica
   * takes some slots over while others are still lost.
   */
  lost(nodes: LostNode[]): void;
  /** Every slot is served again (a replica took over, or the node came back) and ioredis knows the new map. */
  whole(): void;
}

/**
 * Follows a Redis Cluster through a node's failover. ioredis' Cluster stays 'ready' while one primary dies, so
 * the loss is read from its node events ('-node' when a node's socket ends, 'node error'), checked with one PING
 * to that node so a dropped socket is not taken for a dead server. While a primary is lost, one surviving node is
 * asked CLUSTER NODES once a second until every slot is served again. A frozen primary ends no socket: a whole
 * cluster is asked CLUSTER NODES every few seconds (cluster-health), and a primary the nodes flag failing is lost
 * too. Returns a stop function.
 */
export function watchClusterFailover(cluster: Cluster, on: FailoverListener): () => void {
  /** Each lost primary with its last client, whose options (auth, TLS) probe it again. */
  const lost = new Map<string, Redis>();
  /** The slots of each lost primary that nobody serves, as last told. */
  const unserved = new Map<string, Array<[number, number]>>();
  let told = '';
  const tell = (): void => {
    const nodes = [...unserved].map(([address, slots]) => ({ address, slots }));
    nodes.sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }));
    const now = JSON.stringify(nodes);
    if (now === told) return;
    told = now;
    on.lost(nodes);
  };
  /** Nodes being probed now: one PING at a time each, however many errors a node reports meanwhile. */
  const probing = new Set<string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  /** A check is waiting or running: one chain of checks, however many nodes are lost. */
  let checking = false;
  const later = (): void => {
    if (!stopped) timer = setTimeout(() => void check(), FAILOVER_CHECK_MS);
  };

  const suspect = async (node: Redis): Promise<void> => {
    const at = nodeAddress(node);
    if (stopped || lost.has(at) || probing.has(at) || !servedPrimaries(cluster).has(at)) return;
    probing.add(at);
    const alive = await answers(node).finally(() => probing.delete(at));
    if (alive) {
      // Only the socket ended, and ioredis dropped the node from its pool (scans walk the pool): put it back.
      if (!stopped && !cluster.nodes('all').includes(node)) cluster.refreshSlotsCache();
      return;
    }
    markLost(node);
  };

  const markLost = (node: Redis): void => {
    const at = nodeAddress(node);
    if (stopped || lost.has(at)) return;
    lost.set(at, node);
    unserved.set(at, slotsOf(cluster, at));
    tell();
    if (checking) return;
    checking = true;
    later();
  };

  // What the other nodes flag failing is lost (a frozen primary answers nothing, yet its socket stays open).
  const onFlagged = (addresses: string[]): void => {
    for (const node of cluster.nodes('master'))
      if (addresses.includes(nodeAddress(node)) && servedPrimaries(cluster).has(nodeAddress(node)))
        markLost(node);
  };
  const stopPolling = pollFailingPrimaries(cluster, () => checking, onFlagged);

  const check = async (): Promise<void> => {
    if (stopped) return;
    const view = await surviving(cluster, lost);
    if (stopped) return;
    if (view) {
      // A replica took its primary's slots while another primary is still lost: those work again.
      for (const at of unserved.keys()) unserved.set(at, view.find((n) => n.address === at)?.slots ?? []);
      tell();
    }
    if (!view || !(await isWhole(cluster, lost, view))) return later();
    cluster.refreshSlotsCache((err) => {
      if (stopped) return;
      if (err) return later();
      checking = false;
      lost.clear();
      unserved.clear();
      told = '';
      openPrimaries(cluster);
      on.whole();
    });
  };

  const onRemoved = (node: Redis): void => void suspect(node);
  const onNodeError = (_err: Error, at: string): void => {
    const node = cluster.nodes('master').find((n) => nodeAddress(n) === at);
    if (node) void suspect(node);
  };
  const onRefresh = (): void => openPrimaries(cluster);
  cluster.on('-node', onRemoved);
  cluster.on('node error', onNodeError);
  cluster.on('refresh', onRefresh);
  openPrimaries(cluster);
  return () => {
    stopped = true;
    clearTimeout(timer);
    stopPolling();
    cluster.off('-node', onRemoved);
    cluster.off('node error', onNodeError);
    cluster.off('refresh', onRefresh);
  };
}

/**
 * ioredis opens a node's socket only when a command goes there; a primary nobody has asked anything yet would
 * die unnoticed. Opening them (one handshake each) makes a crash show at once as that socket's end.
 */
function openPrimaries(cluster: Cluster): void {
  for (const node of cluster.nodes('master'))
    if (node.status === 'wait') node.connect().catch(() => undefined);
}

/** The primaries ioredis routes slots to now. */
function servedPrimaries(cluster: Cluster): Set<string> {
  return new Set(cluster.slots.map((nodes) => nodes[0]).filter((n): n is string => !!n));
}

/** The slot ranges ioredis routes to the primary `at` now. */
function slotsOf(cluster: Cluster, at: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  cluster.slots.forEach((nodes, slot) => {
    if (nodes?.[0] !== at) return;
    const last = ranges.at(-1);
    if (last && last[1] === slot - 1) last[1] = slot;
    else ranges.push([slot, slot]);
  });
  return ranges;
}

/** The cluster as one surviving node sees it (CLUSTER NODES), or null when none answers. */
async function surviving(cluster: Cluster, lost: Map<string, Redis>): Promise<ClusterNodeInfo[] | null> {
  const asked = askable(cluster, lost);
  if (!asked) return null;
  try {
    return parseClusterNodes(String(await asked.cluster('NODES')));
  } catch {
    return null;
  }
}

function askable(cluster: Cluster, lost: Map<string, Redis>): Redis | undefined {
  return cluster.nodes('all').find((n) => !lost.has(nodeAddress(n)) && n.status === 'ready');
}

/**
 * Whole when a surviving node sees every slot served by a primary it does not flag as failing, each lost node
 * that still holds slots in its view answers again (it came back before its replica took over), and every
 * primary says cluster_state:ok (the last step costs one CLUSTER INFO a primary, once the map looks whole).
 */
async function isWhole(
  cluster: Cluster,
  lost: Map<string, Redis>,
  nodes: ClusterNodeInfo[],
): Promise<boolean> {
  const asked = askable(cluster, lost);
  if (!asked) return false;
  const served = nodes
    .filter((n) => n.role === 'primary' && !n.failing)
    .reduce((sum, n) => sum + n.slots.reduce((a, [from, to]) => a + to - from + 1, 0), 0);
  if (served < SLOTS) return false;
  for (const node of nodes.filter((n) => lost.has(n.address) && n.slots.length)) {
    if (!(await answers(lost.get(node.address)!))) return false;
  }
  // Each primary learns the new map in its own time, and answers CLUSTERDOWN until it has: ask every one.
  const primaries = nodes.filter((n) => n.role === 'primary' && n.slots.length);
  const states = await Promise.all(
    primaries.map(async (n) => {
      // ioredis may hold no socket to a replica just promoted: ask it on a fresh one, with the others' options.
      const client = cluster.nodes('all').find((c) => nodeAddress(c) === n.address);
      const info =
        client?.status === 'ready'
          ? await client.cluster('INFO').catch(() => '')
          : await askOnce(lost.get(n.address) ?? asked, (c) => c.cluster('INFO'), n.address);
      return /cluster_state:ok/.test(String(info));
    }),
  );
  return states.every(Boolean);
}

/** One PING on a fresh socket to the node, with the node's own options (auth, TLS). */
async function answers(node: Redis): Promise<boolean> {
  return (await askOnce(node, (c) => c.ping())) === 'PONG';
}

/**
 * One question on a fresh socket to the node (its pool socket may be gone), or to `at` ("host:port") with that
 * node's options (auth, TLS); null when it does not answer.
 */
async function askOnce<T>(node: Redis, question: (c: Redis) => Promise<T>, at?: string): Promise<T | null> {
  const where = at
    ? { host: at.slice(0, at.lastIndexOf(':')), port: Number(at.slice(at.lastIndexOf(':') + 1)) }
    : {};
  const probe = node.duplicate({
    ...where,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: PROBE_MS,
    // A frozen node takes the socket and never answers.
    commandTimeout: PROBE_MS,
    connectionName: 'queuedesk:probe',
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return await question(probe);
  } catch {
    return null;
  } finally {
    probe.disconnect();
  }
}
