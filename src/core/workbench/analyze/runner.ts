import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { AnalyzeProgressEvent, AnalyzeReport } from '../../../shared/contract';
import { scanProgress } from '../../keys/scan-all';
import { measureKeys } from './measure-page';
import { AnalyzeTallies } from './tally';

/** Slots per SCAN step: names only, well under a millisecond of server time. */
export const ANALYZE_SCAN_COUNT = 500;
/** Keys per measuring call: four lookups each, about a millisecond of server time. */
export const MEASURE_CHUNK = 100;
/** SCAN pages being measured at once: enough that Redis always has our next call queued, no more. */
const PAGES_IN_FLIGHT = 3;
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
    const tallies = new AnalyzeTallies(opts.top, Buffer.from(opts.delimiter).toString('latin1'), opts.depth);
    const match = opts.match ?? '*';
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
      const timed = <T>(call: Promise<T>): Promise<T> => {
        const t0 = performance.now();
        return call.then((r) => {
          longest = Math.max(longest, performance.now() - t0);
          return r;
        });
      };
      // SCAN returns names only; their measuring goes out in short calls while the next SCAN is asked for,
      // so Redis always has our next call queued (it is Redis' time, not round trips, that bounds the walk)
      // while no single call runs long and other clients are served between them.
      const inFlight: Array<Promise<void>> = [];
      const scan = (c: string): Promise<[Buffer, Buffer[]]> =>
        timed(redis.scanBuffer(c, 'MATCH', match, 'COUNT', ANALYZE_SCAN_COUNT));
      let cursor = '0';
      let pending: Promise<[Buffer, Buffer[]]> | null = scan(cursor);
      while (pending) {
        const [next, keys]: [Buffer, Buffer[]] = await pending;
        cursor = next.toString('latin1');
        // The next SCAN goes out before this page's measuring: Redis answers it first, so the next page's
        // calls are on their way while it still measures this one, and its queue never runs dry.
        pending = cursor !== '0' && !state.stopped ? scan(cursor) : null;
        const chunks: Array<Promise<void>> = [];
        for (let i = 0; i < keys.length; i += MEASURE_CHUNK) {
          const slice = keys.slice(i, i + MEASURE_CHUNK);
          chunks.push(timed(measureKeys(redis, slice, opts.samples)).then((m) => tallies.addPage(m)));
        }
        const at = cursor;
        inFlight.push(
          Promise.all(chunks).then(() => {
            if (performance.now() - lastProgress > PROGRESS_MS) {
              lastProgress = performance.now();
              progress(at, false);
            }
          }),
        );
        if (inFlight.length >= PAGES_IN_FLIGHT) await inFlight.shift();
      }
      await Promise.all(inFlight);
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
