import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { KeyRow, ScanAllEvent, ScanPage } from '../../shared/contract';
import { Batcher } from './batcher';
import { GENTLE_SHARE, pacedPages, Pacer, scanFetch, type Step, type StepFetch } from './pace';
import type { ScanOptions } from './scan-page';

/** How a walk hands rows to the UI, on one server and on a cluster alike: batches by time or size, and a cap on
 * what may wait unsent before the walk holds back. */
export const BATCH_MS = 150;
export const BATCH_MAX_ROWS = 5000;
export const MAX_BACKLOG = 1024 * 1024;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Running {
  stopped: boolean;
  /** The connection dropped since the last page: the next one may come from a restarted server. */
  lost: boolean;
  /** Null for an unpaced walk. */
  pacer: Pacer | null;
}

/**
 * Resolves true once the connection is back after a loss, false when it went elsewhere (disconnected, switched,
 * given up). A SCAN cursor is stateless, so a walk cut by a lost connection goes on from its cursor then.
 */
export type Reconnected = () => Promise<boolean>;

/** Full keyspace walks that stream their rows as batched events and can be stopped. */
export class ScanAllRunner {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly client: () => Redis,
    private readonly emit: (e: ScanAllEvent) => void,
    /** Bytes waiting on the slowest client's socket; the walk pauses while it is high. */
    private readonly backlog: () => number = () => 0,
    private readonly reconnected: Reconnected = async () => false,
  ) {}

  /** `share`: the most of Redis's time the walk may take (0.1 by default; 1 = as fast as it goes). */
  async start(opts: ScanOptions & { share?: number }): Promise<{ scanId: string; total: number }> {
    const redis = this.client();
    const total = await redis.dbsize();
    const scanId = randomUUID();
    const share = opts.share ?? GENTLE_SHARE;
    const pacer = share < 1 ? new Pacer(share, opts.count) : null;
    const state: Running = { stopped: false, lost: false, pacer };
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

  /** Changes a paced walk's share of Redis's time as it runs; false when there is no such paced walk. */
  pace(scanId: string, share: number): boolean {
    const pacer = this.running.get(scanId)?.pacer;
    if (!pacer) return false;
    pacer.share = share;
    return true;
  }

  stopAll(): void {
    for (const state of this.running.values()) state.stopped = true;
  }

  /** The connection dropped; ioredis may resend a walk's SCAN to whatever server is there when it is back. */
  connectionLost(): void {
    for (const state of this.running.values()) state.lost = true;
  }

  private async walk(
    redis: Redis,
    scanId: string,
    total: number,
    { share: _share, ...opts }: ScanOptions & { share?: number },
    state: Running,
  ): Promise<void> {
    const { pacer } = state;
    const pages = (client: Redis, from: string): AsyncGenerator<ScanPage> =>
      pacer
        ? pacedPages(client, opts, pacer, () => state.stopped, from)
        : pagesAhead(client, opts, () => state.stopped, from);
    let seen = 0;
    let progress = 0;
    let resumes = 0;
    let restarts = 0;
    const counts = (): Partial<ScanAllEvent> => ({
      ...(resumes ? { resumes } : {}),
      ...(restarts ? { restarts } : {}),
    });
    const batch = new Batcher<KeyRow>(
      BATCH_MS,
      (keys) => {
        seen += keys.length;
        this.emit({ scanId, keys, seen, total, progress, done: false, ...counts() });
      },
      BATCH_MAX_ROWS,
    );
    const finish = (extra: Partial<ScanAllEvent>): void => {
      batch.flush();
      this.running.delete(scanId);
      this.emit({ scanId, keys: [], seen, total, progress, done: true, ...counts(), ...extra });
    };
    let cursor = '0';
    let client = redis;
    let first = true;
    let server = await runId(client).catch(() => '');
    /**
     * After a loss, given the run id of the server now answering: false to go on from the cursor, true when Redis
     * restarted and the walk begins again (a cursor means nothing to a new server: its hash seed is new).
     */
    const restarted = (now: string): boolean => {
      state.lost = false;
      if (now === server) {
        resumes++;
        return false;
      }
      server = now;
      restarts++;
      cursor = '0';
      progress = 0;
      return true;
    };
    for (;;) {
      try {
        let again = false;
        for await (const page of pages(client, cursor)) {
          // Still down, this throws, and the loss is handled below once the connection is back.
          if (state.lost && (again = restarted(await runId(client)))) break;
          cursor = page.cursor;
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
        if (!again) return finish(state.stopped ? { stopped: true } : {});
      } catch (err) {
        const back = !state.stopped && isConnectionLoss(err) && (await this.reconnected());
        if (!back || state.stopped) {
          if (state.stopped) return finish({ stopped: true });
          return finish({ error: err instanceof Error ? err.message : String(err) });
        }
        try {
          client = this.client();
        } catch {
          // Lost again at once: the next page fails and waits for the connection once more.
        }
        restarted(await runId(client).catch(() => ''));
      }
    }
  }
}

/** The server's run id, new at each start; '' where INFO is not allowed (then a restart is not noticed). */
async function runId(redis: Redis): Promise<string> {
  try {
    return /run_id:(\w+)/.exec(await redis.info('server'))?.[1] ?? '';
  } catch (err) {
    if (isConnectionLoss(err)) throw err;
    return '';
  }
}

/** Errors of a connection that went away (as opposed to a command Redis refused). */
function isConnectionLoss(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /Connection is closed|Stream isn't writeable|ECONNRESET|ECONNREFUSED|EPIPE|max retries|NOT_CONNECTED|not connected/i.test(
    message,
  );
}

/**
 * Yields scan pages, asking for page k+1 before the caller handles page k, so the client's work on one
 * page overlaps the server's work on the next.
 */
export function pagesAhead(
  redis: Redis,
  opts: ScanOptions,
  stopped: () => boolean = () => false,
  from = '0',
): AsyncGenerator<ScanPage> {
  return stepsAhead(scanFetch(redis, opts), stopped, from);
}

/** Any walk's steps unpaced, step k+1 asked for before the caller handles step k. */
export async function* stepsAhead<P extends { cursor: string }>(
  fetch: StepFetch<P>,
  stopped: () => boolean = () => false,
  from = '0',
): AsyncGenerator<P> {
  let pending: Promise<Step<P>> | null = ahead(fetch(from, undefined));
  while (pending) {
    const step: Step<P> = await pending;
    pending = step.cursor !== '0' && !stopped() ? ahead(fetch(step.cursor, undefined)) : null;
    yield step.read();
  }
}

/** A step asked for ahead may fail while the caller is still busy: that is seen when it is awaited, not as an
 * unhandled rejection (which would end the process). */
function ahead<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
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
