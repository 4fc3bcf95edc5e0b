import type { Cluster } from 'ioredis';
import { parseClusterNodes } from './cluster-info';
import { nodeAddress } from './any-redis';

/**
 * How often a cluster that looks whole is asked (one CLUSTER NODES, of one node) whether Redis sees a primary
 * failing. A frozen primary (a stopped process, a hung host) keeps its socket open, so only the other nodes'
 * view tells; Redis' own default node timeout is 15 s, so a check every 5 s sees each failover under way.
 */
export const HEALTH_CHECK_MS = 5000;
/** How long one node gets to answer before the next one is asked (the one asked may be the frozen one). */
const ASK_MS = 1000;

/**
 * Every HEALTH_CHECK_MS while `paused()` is false: asks a node for CLUSTER NODES (each time the next one, the
 * next at once when one does not answer) and tells `failing` the primaries still holding slots that it flags
 * `fail` or `fail?`. Returns a stop function.
 */
export function pollFailingPrimaries(
  cluster: Cluster,
  paused: () => boolean,
  failing: (addresses: string[]) => void,
): () => void {
  let stopped = false;
  let turn = 0;
  let timer: NodeJS.Timeout | undefined;
  const later = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void tick(), HEALTH_CHECK_MS);
    timer.unref();
  };
  const tick = async (): Promise<void> => {
    if (!paused()) {
      const flagged = await askAround(cluster, turn++);
      if (!stopped && !paused() && flagged?.length) failing(flagged);
    }
    later();
  };
  later();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The failing primaries as the first node to answer sees them, starting at the `turn`th; null if none answers. */
async function askAround(cluster: Cluster, turn: number): Promise<string[] | null> {
  const nodes = cluster.nodes('all').filter((n) => n.status === 'ready');
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[(turn + i) % nodes.length]!;
    const text = await withTimeout(node.cluster('NODES'), ASK_MS);
    if (text === null) continue;
    const asked = nodeAddress(node);
    return parseClusterNodes(String(text))
      .filter((n) => n.role === 'primary' && n.failing && n.slots.length && n.address !== asked)
      .map((n) => n.address);
  }
  return null;
}

/** The answer, or null when it is late or an error (a late answer is dropped; its socket carries on). */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.catch(() => null).finally(() => clearTimeout(timer)),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms))),
  ]);
}
