import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { AnalyzeProgressEvent, AnalyzeReport, NodeScanProgress } from '../../../shared/contract';
import { walkNodes } from '../../keys/cluster/walk-nodes';
import { scanProgress } from '../../keys/scan-all';
import { analyzeFetch, type AnalyzePage } from './node-steps';
import type { StepOptions } from './page-script';
import { AnalyzeTallies } from './tally';

/**
 * Slots per SCAN step: about 50 keys, a quarter of a millisecond of Redis' time with their measuring. Longer
 * steps walk no faster on an idle machine (Redis' time per key is the same; the round trip between steps is
 * a few percent) and much slower on a busy one: a server that runs a millisecond at a stretch uses up its
 * time slice and is descheduled mid-call, where one that returns to waiting between short calls is not.
 */
export const ANALYZE_SCAN_COUNT = 50;
/** A step stops measuring past this much of Redis' time; the rest of its keys go in a call of their own. */
export const STEP_BUDGET_US = 1_000;
const PROGRESS_MS = 250;

export interface AnalyzeOptions {
  match?: string;
  delimiter: string;
  top: number;
  depth: number;
  samples: number;
  analysisId?: string;
  /** Redis time per call before it stops measuring (µs); tests lower it to take the leftover path. */
  budgetUs?: number;
  /** SCAN COUNT per step (benches try others). */
  scanCount?: number;
  /** The most of each server's time the walk may take (1, the default: as fast as it goes). */
  share?: number;
}

/** One server the analysis walks: on a cluster each primary, named; elsewhere the one server. */
export interface AnalyzeNode {
  node?: string;
  redis: Redis;
}

/**
 * Memory analyses of the keyspace, each stoppable; `keys.analyze` awaits the report of its own. On a cluster
 * every primary is walked at once (`walkNodes`, as the keys list is) into one set of tallies, so the totals
 * are their sum.
 */
export class AnalyzeRunner {
  private readonly running = new Map<string, { stopped: boolean }>();

  constructor(
    private readonly nodes: () => AnalyzeNode[],
    private readonly emit: (e: AnalyzeProgressEvent) => void,
  ) {}

  stop(analysisId: string | undefined): number {
    let n = 0;
    for (const [id, state] of this.running) {
      if (analysisId === undefined || id === analysisId) {
        state.stopped = true;
        n++;
      }
    }
    return n;
  }

  async run(opts: AnalyzeOptions): Promise<AnalyzeReport> {
    const nodes = this.nodes();
    const analysisId = opts.analysisId ?? randomUUID();
    const state = { stopped: false };
    this.running.set(analysisId, state);
    const started = performance.now();
    const tallies = new AnalyzeTallies(opts.top, Buffer.from(opts.delimiter).toString('latin1'), opts.depth);
    const clustered = nodes.some((n) => n.node);
    try {
      const sizes = await Promise.all(nodes.map((n) => n.redis.dbsize()));
      const dbKeys = sizes.reduce((a, b) => a + b, 0);
      const perNode: NodeScanProgress[] = nodes.map((n, i) => ({
        node: n.node ?? '',
        total: sizes[i]!,
        seen: 0,
        done: false,
      }));
      const shares = nodes.map(() => ({ keys: 0, bytes: 0 }));
      const covered = nodes.map(() => 0);
      const seen = (): number => tallies.totals.keys + tallies.vanished;
      const progress = (done: boolean): void =>
        this.emit({
          analysisId,
          scanned: seen(),
          progress: done && !state.stopped ? 1 : covered.reduce((a, b) => a + b, 0) / nodes.length,
          bytes: tallies.totals.bytes,
          dbKeys,
          done,
          ...(clustered ? { nodes: perNode.map((p) => ({ ...p })) } : {}),
        });
      let lastProgress = 0;
      // Tallying is synchronous, so each node's share is the totals' growth across its own steps.
      const onPage = (page: AnalyzePage, i: number): void => {
        const [keys, bytes, seen0] = [tallies.totals.keys, tallies.totals.bytes, seen()];
        for (const step of page.steps) tallies.addStep(step);
        shares[i]!.keys += tallies.totals.keys - keys;
        shares[i]!.bytes += tallies.totals.bytes - bytes;
        perNode[i]!.seen += seen() - seen0;
        covered[i] = scanProgress(page.cursor);
        if (performance.now() - lastProgress > PROGRESS_MS) {
          lastProgress = performance.now();
          progress(false);
        }
      };
      const timing = { longest: 0, longestServerUs: 0 };
      const step: StepOptions = { samples: opts.samples, budgetUs: opts.budgetUs ?? STEP_BUDGET_US };
      const count = opts.scanCount ?? ANALYZE_SCAN_COUNT;
      const stopped = (): boolean => state.stopped;
      const { done } = walkNodes({
        nodes: nodes.map((n) => ({
          fetch: analyzeFetch(n.redis, opts.match ?? '*', count, step, timing, stopped),
        })),
        share: opts.share ?? 1,
        count,
        stopped,
        onPage,
        onDone: (i) => (perNode[i]!.done = true),
        // One node failing fails the analysis: the others stop rather than walk on for a report not given.
        onFail: () => (state.stopped = true),
      });
      const failed = (await done).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      const infos = await Promise.all(nodes.map(async (n) => infoFields(await n.redis.info('memory'))));
      const memory = { used: 0, dataset: 0 as number | null };
      for (const info of infos) {
        memory.used += Number(info.used_memory ?? 0);
        memory.dataset =
          memory.dataset !== null && info.used_memory_dataset
            ? memory.dataset + Number(info.used_memory_dataset)
            : null;
      }
      progress(true);
      return {
        analysisId,
        match: opts.match ?? null,
        delimiter: opts.delimiter,
        memorySamples: opts.samples,
        ...tallies.body(),
        info: { usedMemory: memory.used, usedMemoryDataset: memory.dataset, dbKeys },
        ...(clustered
          ? { nodes: nodes.map((n, i) => ({ node: n.node!, ...shares[i]!, dbKeys: sizes[i]! })) }
          : {}),
        durationMs: Math.round(performance.now() - started),
        longestCallMs: Math.round(timing.longest * 100) / 100,
        longestServerMs: timing.longestServerUs / 1000,
        stopped: state.stopped,
      };
    } finally {
      this.running.delete(analysisId);
    }
  }
}

function infoFields(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}
