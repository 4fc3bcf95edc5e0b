import type { Redis } from 'ioredis';
import type { ScanPage } from '../../shared/contract';
import { parsePage, scanRaw, type ScanOptions } from './scan-page';

/** The share of Redis's time a walk opened by the Keys panel may take; "scan all now" may take more. */
export const GENTLE_SHARE = 0.1;
export const FAST_SHARE = 0.3;

/** Each call aims at about 1 ms of Redis time, short enough never to hold up the app's own commands. */
const TARGET_US = 1000;
const MIN_COUNT = 10;
const MAX_COUNT = 10_000;

/**
 * A duty cycle for a keyspace walk: after a page that kept Redis busy for `us`, wait long enough that the
 * walk's busy time stays `share` of the wall time, and size the next COUNT so a page takes about 1 ms.
 * The time is measured inside the page script, so network latency does not slow the walk down.
 */
export class Pacer {
  count: number;

  constructor(
    /** Changed while the walk runs when the user asks for it now ("scan all now"). */
    public share: number,
    /** A COUNT the caller asked for, kept as is. */
    private readonly fixedCount?: number,
  ) {
    this.count = fixedCount ?? 100;
  }

  /**
   * How long one page's cycle (ask, read, hand over, wait) must last, in ms, given the page script's own
   * measured run time. Redis counts about 20 % more for the whole EVALSHA (argument and reply conversion),
   * plus a fixed ~50 µs.
   */
  cycle(scriptUs: number): number {
    const us = scriptUs * 1.25 + 50;
    if (this.fixedCount === undefined) {
      // At most doubling or halving a step: one slow page (a rehash, a busy server) must not swing it.
      const ratio = Math.min(2, Math.max(0.5, TARGET_US / Math.max(us, 1)));
      this.count = Math.round(Math.min(MAX_COUNT, Math.max(MIN_COUNT, this.count * ratio)));
    }
    return us / 1000 / this.share;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Scan pages one at a time with a pause after each, so the walk keeps to its share of Redis's time. */
export async function* pacedPages(
  redis: Redis,
  opts: ScanOptions,
  pacer: Pacer,
  stopped: () => boolean,
  from = '0',
): AsyncGenerator<ScanPage> {
  let cursor = from;
  do {
    const asked = performance.now();
    const raw = await scanRaw(redis, cursor, { ...opts, count: pacer.count });
    const page = parsePage(raw);
    cursor = page.cursor;
    yield page;
    // The round trip and the caller's handling count as part of the cycle: only the rest is waited out.
    const pause = pacer.cycle(Number(raw[5])) - (performance.now() - asked);
    if (cursor !== '0' && !stopped() && pause > 0) await sleep(pause);
  } while (cursor !== '0' && !stopped());
}
