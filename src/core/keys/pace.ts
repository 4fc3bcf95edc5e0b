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

/**
 * One step of any keyspace walk (keys list, analysis, export) from a cursor: the next cursor, how long the step
 * kept Redis busy (µs), and what it yields, read only when wanted (an unpaced walk asks for the next step
 * first, so Redis works while this one is parsed). `count` is the paced COUNT, or undefined for the step's own.
 */
export interface Step<P> {
  cursor: string;
  serverUs: number;
  read: () => P;
}
export type StepFetch<P extends { cursor: string }> = (
  cursor: string,
  count: number | undefined,
) => Promise<Step<P>>;

/** The keys list's step: a page of names with their types and TTLs, timed by the page script itself. */
export function scanFetch(redis: Redis, opts: ScanOptions): StepFetch<ScanPage> {
  return async (cursor, count) => {
    const raw = await scanRaw(redis, cursor, count === undefined ? opts : { ...opts, count });
    return {
      cursor: raw[0].toString('latin1'),
      serverUs: Number(raw[5]),
      read: () => parsePage(raw, opts.slots),
    };
  };
}

/** Steps one at a time with a pause after each, so the walk keeps to its share of Redis's time. */
export async function* pacedSteps<P extends { cursor: string }>(
  fetch: StepFetch<P>,
  pacer: Pacer,
  stopped: () => boolean,
  from = '0',
): AsyncGenerator<P> {
  let cursor = from;
  do {
    const asked = performance.now();
    const step = await fetch(cursor, pacer.count);
    cursor = step.cursor;
    yield step.read();
    // The round trip and the caller's handling count as part of the cycle: only the rest is waited out.
    const pause = pacer.cycle(step.serverUs) - (performance.now() - asked);
    if (cursor !== '0' && !stopped() && pause > 0) await sleep(pause);
  } while (cursor !== '0' && !stopped());
}

/** Scan pages, paced (see `pacedSteps`). */
export function pacedPages(
  redis: Redis,
  opts: ScanOptions,
  pacer: Pacer,
  stopped: () => boolean,
  from = '0',
): AsyncGenerator<ScanPage> {
  return pacedSteps(scanFetch(redis, opts), pacer, stopped, from);
}
