import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { KeyRow, ScanAllEvent, ScanPage } from '../../shared/contract';
import { Batcher } from './batcher';
import { parsePage, scanRaw, type RawPage, type ScanOptions } from './scan-page';

const BATCH_MS = 150;
const BATCH_MAX_ROWS = 5000;
const MAX_BACKLOG = 1024 * 1024;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Running {
  stopped: boolean;
}

/** Full keyspace walks that stream their rows as batched events and can be stopped. */
export class ScanAllRunner {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly client: () => Redis,
    private readonly emit: (e: ScanAllEvent) => void,
    /** Bytes waiting on the slowest client's socket; the walk pauses while it is high. */
    private readonly backlog: () => number = () => 0,
  ) {}

  async start(opts: ScanOptions): Promise<{ scanId: string; total: number }> {
    const redis = this.client();
    const total = await redis.dbsize();
    const scanId = randomUUID();
    const state: Running = { stopped: false };
    this.running.set(scanId, state);
    void this.walk(redis, scanId, total, opts, state);
    return { scanId, total };
  }

  stop(scanId: string): boolean {
    const state = this.running.get(scanId);
    if (!state) return false;
    state.stopped = true;
    return true;
  }

  stopAll(): void {
    for (const state of this.running.values()) state.stopped = true;
  }

  private async walk(
    redis: Redis,
    scanId: string,
    total: number,
    opts: ScanOptions,
    state: Running,
  ): Promise<void> {
    let seen = 0;
    let progress = 0;
    const batch = new Batcher<KeyRow>(
      BATCH_MS,
      (keys) => {
        seen += keys.length;
        this.emit({ scanId, keys, seen, total, progress, done: false });
      },
      BATCH_MAX_ROWS,
    );
    const finish = (extra: Partial<ScanAllEvent>): void => {
      batch.flush();
      this.running.delete(scanId);
      this.emit({ scanId, keys: [], seen, total, progress, done: true, ...extra });
    };
    try {
      let first = true;
      for await (const page of pagesAhead(redis, opts, () => state.stopped)) {
        progress = scanProgress(page.cursor);
        batch.add(page.keys);
        // A client that reads slower than Redis answers must not make this process buffer the keyspace.
        while (this.backlog() > MAX_BACKLOG && !state.stopped) await sleep(5);
        // The first rows go out at once so the list fills without waiting for a batch window.
        if (first && page.keys.length > 0) {
          batch.flush();
          first = false;
        }
      }
      finish(state.stopped ? { stopped: true } : {});
    } catch (err) {
      finish({ error: err instanceof Error ? err.message : String(err) });
    }
  }
}

/**
 * Yields scan pages, asking for page k+1 before the caller handles page k, so the client's work on one
 * page overlaps the server's work on the next.
 */
export async function* pagesAhead(
  redis: Redis,
  opts: ScanOptions,
  stopped: () => boolean = () => false,
): AsyncGenerator<ScanPage> {
  let pending: Promise<RawPage> | null = scanRaw(redis, '0', opts);
  while (pending) {
    const raw: RawPage = await pending;
    const cursor = raw[0].toString('latin1');
    pending = cursor !== '0' && !stopped() ? scanRaw(redis, cursor, opts) : null;
    yield parsePage(raw);
  }
}

const TWO_64 = 2 ** 64;

/**
 * How much of the keyspace a SCAN cursor has covered, 0..1. Redis walks buckets in reverse-binary order, so
 * the cursor with its 64 bits reversed grows steadily from 0 to 2^64 whatever the table size; this stays
 * right with a MATCH or TYPE filter, where keys seen / DBSIZE would not.
 */
export function scanProgress(cursor: string): number {
  if (cursor === '0') return 1;
  let v = BigInt(cursor);
  let reversed = 0n;
  for (let i = 0; i < 64; i++) {
    reversed = (reversed << 1n) | (v & 1n);
    v >>= 1n;
  }
  return Number(reversed) / TWO_64;
}
