import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { AnalyzeProgressEvent, AnalyzeReport } from '../../../shared/contract';
import { scanProgress } from '../../keys/scan-all';
import { keysStep, scanStep, type RawStep, type StepOptions } from './page-script';
import { parseStep, unmeasured } from './step-reply';
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
}

/** Memory analyses of the keyspace, each stoppable; `keys.analyze` awaits the report of its own. */
export class AnalyzeRunner {
  private readonly running = new Map<string, { stopped: boolean }>();

  constructor(
    private readonly client: () => Redis,
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
    const redis = this.client();
    const analysisId = opts.analysisId ?? randomUUID();
    const state = { stopped: false };
    this.running.set(analysisId, state);
    const started = performance.now();
    const tallies = new AnalyzeTallies(opts.top, Buffer.from(opts.delimiter).toString('latin1'), opts.depth);
    const match = opts.match ?? '*';
    let longest = 0;
    let longestServerUs = 0;
    let lastProgress = 0;
    try {
      const dbKeys = await redis.dbsize();
      const progress = (cursor: string, done: boolean): void =>
        this.emit({
          analysisId,
          scanned: tallies.totals.keys + tallies.vanished,
          progress: scanProgress(cursor),
          bytes: tallies.totals.bytes,
          dbKeys,
          done,
        });
      const timed = (call: Promise<RawStep>): Promise<RawStep> => {
        const t0 = performance.now();
        return call.then((r) => {
          longest = Math.max(longest, performance.now() - t0);
          longestServerUs = Math.max(longestServerUs, Number(r[9]));
          return r;
        });
      };
      const step: StepOptions = { samples: opts.samples, budgetUs: opts.budgetUs ?? STEP_BUDGET_US };
      // Keys a budget-cut step did not reach: measured in calls of their own, alongside the walk.
      const rest = new Set<Promise<void>>();
      let failure: unknown = null;
      const fold = (raw: RawStep): void => {
        const page = parseStep(raw);
        tallies.addStep(page);
        if (page.measured === page.offsets.length - 1 || state.stopped) return;
        const p = timed(keysStep(redis, unmeasured(page), step))
          .then(fold)
          .catch((err: unknown) => void (failure ??= err))
          .finally(() => rest.delete(p));
        rest.add(p);
      };
      // One step in flight: its SCAN cursor comes from the step before. The next goes out as soon as the
      // reply is in, before that reply is tallied, so Redis works on it while we count.
      const scan = (c: string): Promise<RawStep> =>
        timed(scanStep(redis, c, match, opts.scanCount ?? ANALYZE_SCAN_COUNT, step));
      let cursor = '0';
      let pending: Promise<RawStep> | null = scan(cursor);
      while (pending) {
        const raw: RawStep = await pending;
        cursor = raw[0].toString('latin1');
        pending = cursor !== '0' && !state.stopped ? scan(cursor) : null;
        fold(raw);
        if (performance.now() - lastProgress > PROGRESS_MS) {
          lastProgress = performance.now();
          progress(cursor, false);
        }
      }
      while (rest.size) await Promise.all(rest);
      if (failure) throw failure;
      const info = infoFields(await redis.info('memory'));
      progress(cursor, true);
      return {
        analysisId,
        match: opts.match ?? null,
        delimiter: opts.delimiter,
        memorySamples: opts.samples,
        ...tallies.body(),
        info: {
          usedMemory: Number(info.used_memory ?? 0),
          usedMemoryDataset: info.used_memory_dataset ? Number(info.used_memory_dataset) : null,
          dbKeys,
        },
        durationMs: Math.round(performance.now() - started),
        longestCallMs: Math.round(longest * 100) / 100,
        longestServerMs: longestServerUs / 1000,
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
