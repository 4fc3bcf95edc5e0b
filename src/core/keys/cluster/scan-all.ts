import { randomUUID } from 'node:crypto';
import type { Cluster } from 'ioredis';
import type { KeyRow, NodeScanProgress, ScanAllEvent, ScanPage } from '../../../shared/contract';
import { Batcher } from '../batcher';
import { GENTLE_SHARE, scanFetch, type Pacer } from '../pace';
import { BATCH_MAX_ROWS, BATCH_MS, MAX_BACKLOG, scanProgress, sleep } from '../scan-all';
import type { ScanOptions } from '../scan-page';
import { onNode, primaries } from './primaries';
import { walkNodes } from './walk-nodes';

interface Running {
  stopped: boolean;
  /** One per primary, in the order of `primaries()`; null for an unpaced walk. */
  pacers: Pacer[] | null;
}

/**
 * Full walks of a cluster's keyspace (`walkNodes`: every primary at once, each paced by its own Pacer), rows
 * tagged with slot and node, progress per node. Primaries lost in a failover (`lost`) are not walked; one lost
 * during the walk ends its own part, and the walk ends with its error once the others are done (the standalone
 * walk's resume is not here).
 */
export class ClusterScanAll {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly emit: (e: ScanAllEvent) => void,
    private readonly backlog: () => number = () => 0,
    /** Primaries lost in a cluster failover now ("host:port"). */
    private readonly lost: () => string[] = () => [],
  ) {}

  /** `share`: the most of each primary's time the walk may take (0.1 by default; 1 = as fast as it goes). */
  async start(
    cluster: Cluster,
    { share: asked, ...opts }: ScanOptions & { share?: number },
  ): Promise<{ scanId: string; total: number }> {
    const lost = this.lost();
    const nodes = primaries(cluster).filter((n) => !lost.includes(n.name));
    const share = asked ?? GENTLE_SHARE;
    // The first pages are asked for along with the sizes, not after them: the list fills a round trip sooner.
    const sized = Promise.all(nodes.map((n) => n.redis.dbsize()));
    const scanId = randomUUID();
    const state: Running = { stopped: false, pacers: null };
    this.running.set(scanId, state);
    const progress: NodeScanProgress[] = nodes.map((n) => ({ node: n.name, total: 0, seen: 0, done: false }));
    const covered = nodes.map(() => 0);
    let total = 0;
    let seen = 0;
    const overall = (): number => covered.reduce((a, b) => a + b, 0) / nodes.length;
    const snapshot = (): NodeScanProgress[] => progress.map((p) => ({ ...p }));
    const batch = new Batcher<KeyRow>(
      BATCH_MS,
      (keys) => {
        seen += keys.length;
        this.emit({ scanId, keys, seen, total, progress: overall(), done: false, nodes: snapshot() });
      },
      BATCH_MAX_ROWS,
    );
    let first = true;
    const onPage = async (page: ScanPage, i: number): Promise<void> => {
      await sized; // rows go out once the totals they are counted against are known
      progress[i]!.seen += page.keys.length;
      covered[i] = scanProgress(page.cursor);
      batch.add(onNode(page.keys, nodes[i]!.name));
      // The first rows go out at once so the list fills without waiting for a batch window.
      if (first && page.keys.length > 0) {
        first = false;
        batch.flush();
      }
      // A client that reads slower than the primaries answer must not make this process buffer the keyspace.
      while (this.backlog() > MAX_BACKLOG && !state.stopped) await sleep(5);
    };
    // A node lost ends its part only: the others' keys are still there to list. The end is told once all are out.
    const pageOpts = { ...opts, slots: true };
    const { pacers, done: walks } = walkNodes({
      nodes: nodes.map((n) => ({ fetch: scanFetch(n.redis, pageOpts) })),
      share,
      count: opts.count,
      stopped: () => state.stopped,
      onPage,
      onDone: (i) => (progress[i]!.done = true),
    });
    state.pacers = pacers;
    try {
      const sizes = await sized;
      sizes.forEach((size, i) => (progress[i]!.total = size));
      total = sizes.reduce((a, b) => a + b, 0);
    } catch (err) {
      state.stopped = true;
      this.running.delete(scanId);
      throw err;
    }
    void walks.then((ends) => {
      const failed = ends.find((e) => e.status === 'rejected');
      const end: Partial<ScanAllEvent> = failed
        ? { error: failed.reason instanceof Error ? failed.reason.message : String(failed.reason) }
        : state.stopped
          ? { stopped: true }
          : {};
      batch.flush();
      this.running.delete(scanId);
      this.emit({
        scanId,
        keys: [],
        seen,
        total,
        progress: overall(),
        done: true,
        nodes: snapshot(),
        ...end,
      });
    });
    return { scanId, total };
  }

  stop(scanId: string): boolean {
    const state = this.running.get(scanId);
    if (state) state.stopped = true;
    return Boolean(state);
  }

  /** Changes a paced walk's share of every primary's time as it runs; false when there is no such paced walk. */
  pace(scanId: string, share: number): boolean {
    const pacers = this.running.get(scanId)?.pacers;
    if (!pacers) return false;
    for (const pacer of pacers) pacer.share = share;
    return true;
  }

  stopAll(): void {
    for (const state of this.running.values()) state.stopped = true;
  }
}
