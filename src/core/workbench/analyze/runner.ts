import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { AnalyzeProgressEvent, AnalyzeReport } from '../../../shared/contract';
import { scanProgress } from '../../keys/scan-all';
import { measurePage, type MeasuredPage } from './measure-page';
import { AnalyzeTallies } from './tally';

/** Slots per SCAN step: with four lookups per key, about 1–2 ms of server time per call. */
export const ANALYZE_SCAN_COUNT = 200;
const PROGRESS_MS = 250;

export interface AnalyzeOptions {
  match?: string;
  delimiter: string;
  top: number;
  depth: number;
  samples: number;
  analysisId?: string;
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
    const tallies = new AnalyzeTallies(opts.top, Buffer.from(opts.delimiter), opts.depth);
    const match = Buffer.from(opts.match ?? '*');
    let longest = 0;
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
      const timed = (cursor: string): Promise<MeasuredPage> => {
        const t0 = performance.now();
        return measurePage(redis, cursor, match, ANALYZE_SCAN_COUNT, opts.samples).then((p) => {
          longest = Math.max(longest, performance.now() - t0);
          return p;
        });
      };
      // The next page is asked for before this one is folded in: one call in flight, the client's work
      // overlapping the server's, and other clients served between our calls.
      let pending: Promise<MeasuredPage> | null = timed('0');
      let cursor = '0';
      while (pending) {
        const page: MeasuredPage = await pending;
        cursor = page.cursor;
        pending = cursor !== '0' && !state.stopped ? timed(cursor) : null;
        tallies.addPage(page);
        if (performance.now() - lastProgress > PROGRESS_MS) {
          lastProgress = performance.now();
          progress(cursor, false);
        }
      }
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
