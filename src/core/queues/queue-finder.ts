import { setTimeout as sleep } from 'node:timers/promises';
import type { AnyRedis } from '../connection/any-redis';

/** How one pass pages through the keyspace: its page size and what it does between pages. */
export interface ScanPacing {
  count: number;
  /** Called after each page with how long it took (an upper bound of Redis's time on it). */
  between?: (pageMs: number) => Promise<void>;
}

/** How one engine finds its queues under a prefix: a SCAN pass over every key, and a check of one name. */
export interface QueueLocator {
  discover(redis: AnyRedis, prefix: string, pacing: ScanPacing): Promise<string[]>;
  exists(redis: AnyRedis, prefix: string, name: string): Promise<boolean>;
}

/** Share of Redis's time a background discovery pass may take: pages are spaced to stay under it. */
const BACKGROUND_SHARE = 0.003;
const BACKGROUND_COUNT = 500;
const MIN_PAUSE_MS = 10;
/** A page slowed by a busy host process (its time is measured here, not in Redis) must not stall the pass. */
const MAX_PAUSE_MS = 5000;
/** Background passes start at most this often (a small keyspace is rescanned about each second, as before). */
const MIN_PASS_GAP_MS = 1000;
/** Up to this many keys a full pass is a few ms: queues.list scans afresh; above it, it answers from the cache. */
const FRESH_LIST_MAX_KEYS = 50_000;

export interface FoundQueues {
  /**
   * A fresh pass: exactly what it saw (a queue learned while it ran comes with the next poll, which follows it
   * from its first event). Otherwise the cache, which may include queues gone since.
   */
  names: string[];
  fresh: boolean;
}

/**
 * One engine's queues under one prefix, kept cheap on a big keyspace. Finding them means a SCAN of every key, so: a fast
 * pass when asked (first listing, a refresh, or a small keyspace), otherwise the cached names, refreshed by a
 * slow background pass paced to a small share of Redis's time, plus what is learned on the way (jobs added here,
 * workers seen in CLIENT LIST).
 */
export class QueueFinder {
  private known: Set<string> | null = null;
  private fast: Promise<string[]> | null = null;
  private paced: Promise<void> | null = null;
  private lastPassStart = 0;
  /** Only the latest pass started writes its result: a fast pass overtakes a paced one. */
  private generation = 0;
  private pacedAbort: AbortController | null = null;
  /** Changes made while a pass runs, applied over its result (it may have scanned past them already). */
  private learnedInPass = new Set<string>();
  private forgottenInPass = new Set<string>();
  private readonly stopped = new AbortController();

  constructor(
    private readonly redis: AnyRedis,
    private readonly prefix: string,
    private readonly locator: QueueLocator,
  ) {}

  /** For queues.list: afresh when asked, the first time, or when the keyspace is small. */
  async list(refresh = false): Promise<FoundQueues> {
    if (refresh || !this.known || (await this.redis.dbsize()) <= FRESH_LIST_MAX_KEYS)
      return { names: await this.fastPass(), fresh: true };
    return { names: this.cached(), fresh: false };
  }

  /** For the live feed's periodic poll: the cache, with a paced background pass kept going. */
  async poll(): Promise<FoundQueues> {
    if (!this.known) return { names: await this.fastPass(), fresh: true };
    if (!this.paced && !this.fast && Date.now() - this.lastPassStart >= MIN_PASS_GAP_MS)
      this.paced = this.pacedPass().finally(() => (this.paced = null));
    return { names: this.cached(), fresh: false };
  }

  /** A queue seen to exist by other means (a job added here, a worker connected). */
  learn(name: string): void {
    this.forgottenInPass.delete(name);
    this.learnedInPass.add(name);
    this.known?.add(name);
  }

  /** A queue seen to be gone (obliterated, or its keys missing). */
  forget(name: string): void {
    this.learnedInPass.delete(name);
    this.forgottenInPass.add(name);
    this.known?.delete(name);
  }

  /** Forgets the names whose queue is gone from Redis (obliterated elsewhere): one EXISTS each. */
  async forgetGone(names: string[]): Promise<void> {
    const exists = await Promise.all(names.map((name) => this.locator.exists(this.redis, this.prefix, name)));
    names.forEach((name, i) => !exists[i] && this.forget(name));
  }

  /** Learns the names that exist in Redis, of those not known yet (one EXISTS each). */
  async learnIfExists(names: Iterable<string>): Promise<void> {
    for (const name of names) {
      if (this.known?.has(name)) continue;
      if (await this.locator.exists(this.redis, this.prefix, name)) this.learn(name);
    }
  }

  stop(): void {
    this.stopped.abort();
    this.pacedAbort?.abort();
  }

  /** The queues known now, sorted. */
  names(): string[] {
    return this.cached();
  }

  private cached(): string[] {
    return [...(this.known ?? [])].sort();
  }

  private fastPass(): Promise<string[]> {
    this.pacedAbort?.abort();
    this.fast ??= this.pass({ count: 1000 }).finally(() => (this.fast = null));
    return this.fast;
  }

  private async pacedPass(): Promise<void> {
    const abort = new AbortController();
    this.pacedAbort = abort;
    const signal = AbortSignal.any([abort.signal, this.stopped.signal]);
    try {
      await this.pass({
        count: BACKGROUND_COUNT,
        // A page that took t ms is followed by a pause of t / share, so Redis spends at most the share on it.
        between: (pageMs) => sleep(pauseAfter(pageMs), undefined, { signal }),
      });
    } catch {
      // Redis away, the driver closed, or a fast pass took over: the next poll starts another pass
    } finally {
      if (this.pacedAbort === abort) this.pacedAbort = null;
    }
  }

  private async pass(pacing: ScanPacing): Promise<string[]> {
    this.lastPassStart = Date.now();
    const gen = ++this.generation;
    this.learnedInPass.clear();
    this.forgottenInPass.clear();
    const seen = await this.locator.discover(this.redis, this.prefix, pacing);
    if (gen !== this.generation) return this.cached();
    const known = new Set(seen);
    for (const name of this.learnedInPass) known.add(name);
    for (const name of this.forgottenInPass) known.delete(name);
    this.known = known;
    return seen.filter((name) => !this.forgottenInPass.has(name));
  }
}

/** The pause after a background page that took `pageMs`, so that Redis spends at most BACKGROUND_SHARE on it. */
export function pauseAfter(pageMs: number): number {
  const pause = (pageMs * (1 - BACKGROUND_SHARE)) / BACKGROUND_SHARE;
  return Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, pause));
}
