import { pacedSteps, Pacer, type StepFetch } from '../pace';
import { sleep, stepsAhead } from '../scan-all';

/** One server a walk covers: on a cluster each primary, named; elsewhere the one server. */
export interface WalkedNode<P extends { cursor: string }> {
  /** Its step from a cursor (its own connection). */
  fetch: StepFetch<P>;
}

export interface NodeWalk<P extends { cursor: string }> {
  nodes: WalkedNode<P>[];
  /** The most of each node's time the walk may take; 1 = as fast as it goes (no pacer). */
  share: number;
  /** A fixed COUNT per step, else the pacer sizes it. */
  count?: number;
  stopped: () => boolean;
  /** Each step's yield, in order per node; the node's next step waits for it (back-pressure). */
  onPage: (page: P, node: number) => void | Promise<void>;
  /** A node's walk reached its end (not stopped, not failed). */
  onDone?: (node: number) => void;
  /** A node's walk failed (the others go on unless told to stop). */
  onFail?: (node: number, err: unknown) => void;
}

/**
 * The keyspace walk every full walk shares (keys list, analysis, export): all nodes at once, since each is its
 * own server and walking them in turn leaves all but one idle, and each paced by its own Pacer, so each keeps
 * the walk to `share` of ITS time. A node's failure ends its part only; `done` settles once every part has.
 */
export function walkNodes<P extends { cursor: string }>(
  walk: NodeWalk<P>,
): { pacers: Pacer[] | null; done: Promise<PromiseSettledResult<void>[]> } {
  const pacers = walk.share < 1 ? walk.nodes.map(() => new Pacer(walk.share, walk.count)) : null;
  const one = async (node: WalkedNode<P>, i: number): Promise<void> => {
    const pacer = pacers?.[i];
    let cursor = '0';
    const from = (c: string): AsyncGenerator<P> =>
      pacer ? pacedSteps(node.fetch, pacer, walk.stopped, c) : stepsAhead(node.fetch, walk.stopped, c);
    for await (const page of resumed(from, () => cursor, walk.stopped)) {
      cursor = page.cursor;
      await walk.onPage(page, i);
    }
    if (!walk.stopped()) walk.onDone?.(i);
  };
  const parts = walk.nodes.map((node, i) =>
    one(node, i).catch((err: unknown) => {
      walk.onFail?.(i, err);
      throw err;
    }),
  );
  return { pacers, done: Promise.allSettled(parts) };
}

/** How long a live primary may answer CLUSTERDOWN (the cluster failing a lost node over) before its part ends. */
const CLUSTER_DOWN_WAIT_MS = 60_000;
const CLUSTER_DOWN_RETRY_MS = 250;

/**
 * A node's steps, started again from the last cursor while the cluster says it is down: with Redis' default
 * cluster-require-full-coverage, every primary refuses commands from the moment a lost node is failed until its
 * replica takes over, and a healthy node's part must not end for that.
 */
async function* resumed<P>(
  stepsFrom: (cursor: string) => AsyncGenerator<P>,
  cursor: () => string,
  stopped: () => boolean,
): AsyncGenerator<P> {
  let downSince: number | null = null;
  for (;;) {
    try {
      for await (const page of stepsFrom(cursor())) {
        downSince = null;
        yield page;
      }
      return;
    } catch (err) {
      const down = /CLUSTERDOWN|cluster is down|TRYAGAIN/i.test(err instanceof Error ? err.message : '');
      downSince ??= Date.now();
      if (!down || stopped() || Date.now() - downSince > CLUSTER_DOWN_WAIT_MS) throw err;
      await sleep(CLUSTER_DOWN_RETRY_MS);
    }
  }
}
