import { randomUUID } from 'node:crypto';
import type { Cluster } from 'ioredis';
import type { KeyRow, NodeScanProgress, ScanAllEvent } from '../../../shared/contract';
import { Batcher } from '../batcher';
import { pagesAhead, scanProgress } from '../scan-all';
import type { ScanOptions } from '../scan-page';
import { onNode, primaries } from './primaries';

const BATCH_MS = 150;
const BATCH_MAX_ROWS = 5000;

/**
 * Full walks of a cluster's keyspace: every primary in turn, rows tagged with slot and node, progress per node.
 * Unpaced, and a lost node ends the walk with its error (the standalone walk's pacing and resume are not here).
 */
export class ClusterScanAll {
  private readonly running = new Map<string, { stopped: boolean }>();

  constructor(
    private readonly emit: (e: ScanAllEvent) => void,
    private readonly backlog: () => number = () => 0,
  ) {}

  async start(cluster: Cluster, opts: ScanOptions): Promise<{ scanId: string; total: number }> {
    const nodes = primaries(cluster);
    const sizes = await Promise.all(nodes.map((n) => n.redis.dbsize()));
    const progress: NodeScanProgress[] = nodes.map((n, i) => ({
      node: n.name,
      total: sizes[i]!,
      seen: 0,
      done: false,
    }));
    const total = sizes.reduce((a, b) => a + b, 0);
    const scanId = randomUUID();
    const state = { stopped: false };
    this.running.set(scanId, state);
    let seen = 0;
    let share = 0;
    const snapshot = (): NodeScanProgress[] => progress.map((p) => ({ ...p }));
    const batch = new Batcher<KeyRow>(
      BATCH_MS,
      (keys) => {
        seen += keys.length;
        this.emit({ scanId, keys, seen, total, progress: share, done: false, nodes: snapshot() });
      },
      BATCH_MAX_ROWS,
    );
    const walk = async (): Promise<Partial<ScanAllEvent>> => {
      for (const [i, node] of nodes.entries()) {
        for await (const page of pagesAhead(node.redis, opts, () => state.stopped)) {
          progress[i]!.seen += page.keys.length;
          share = (i + scanProgress(page.cursor)) / nodes.length;
          batch.add(onNode(page.keys, node.name));
          while (this.backlog() > 1024 * 1024 && !state.stopped) await new Promise((r) => setTimeout(r, 5));
        }
        if (state.stopped) return { stopped: true };
        progress[i]!.done = true;
      }
      return {};
    };
    void walk()
      .catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }))
      .then((end) => {
        batch.flush();
        this.running.delete(scanId);
        this.emit({ scanId, keys: [], seen, total, progress: share, done: true, nodes: snapshot(), ...end });
      });
    return { scanId, total };
  }

  stop(scanId: string): boolean {
    const state = this.running.get(scanId);
    if (state) state.stopped = true;
    return Boolean(state);
  }

  stopAll(): void {
    for (const state of this.running.values()) state.stopped = true;
  }
}
