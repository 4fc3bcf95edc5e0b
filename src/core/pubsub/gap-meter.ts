/** How many PUBLISH/SPUBLISH calls the server has run (its own INFO commandstats), or null if it will not say. */
export type PublishCounter = () => Promise<number | null>;

export interface Sample {
  publishes: number;
  /** Messages received when the sample was proven to come before any cut-off. */
  received: number;
}

export const SAMPLE_EVERY_MS = 1000;

/**
 * Counts the times the server dropped the subscriber connection (an output-buffer limit, CLIENT KILL, a restart)
 * and bounds what was missed meanwhile: the server's PUBLISH count from a sample known to predate the loss to one
 * taken after re-subscribing, less what arrived after that sample. An upper bound: publishes to channels not
 * subscribed to count too. A sample is known to predate the loss when a PING sent after it comes back on the
 * subscriber connection, behind everything the server had queued there.
 */
export class GapMeter {
  cutOffs = 0;
  /** Sum of the bounds over all gaps; null once a gap could not be bounded (stats reset, INFO refused). */
  missedAtMost: number | null = 0;
  private proven: Sample | null = null;
  private gap: { from: Sample | null; receivedAtLoss: number } | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly publishes: PublishCounter,
    private readonly received: () => number,
  ) {}

  /**
   * Samples while `ping` (a round trip on the subscriber connection) works; replaces any earlier watch. Resolves
   * once the first sample is proven, so a gap right after subscribing is bounded too.
   */
  watch(ping: () => Promise<void>): Promise<void> {
    this.stop();
    const tick = async (): Promise<void> => {
      const publishes = await this.publishes().catch(() => null);
      if (publishes === null) return;
      await ping();
      if (this.gap) return;
      this.proven = { publishes, received: this.received() };
    };
    this.timer = setInterval(() => void tick().catch(() => undefined), SAMPLE_EVERY_MS);
    this.timer.unref();
    return tick().catch(() => undefined);
  }

  /** The connection dropped: what was received so far is final for this gap. */
  lost(): void {
    this.stop();
    this.gap ??= { from: this.proven, receivedAtLoss: this.received() };
  }

  /**
   * A sample to take before re-subscribing: no cut-off can come before the subscription, so it starts the next
   * window even when the connection is cut again before a periodic sample is proven.
   */
  async beforeResubscribe(): Promise<Sample | null> {
    const publishes = await this.publishes().catch(() => null);
    return publishes === null ? null : { publishes, received: this.received() };
  }

  /** Re-subscribed: closes the gap and returns its bound (null if unknown); `next` starts the next window. */
  async resumed(next: Sample | null): Promise<number | null> {
    const gap = this.gap;
    if (!gap) return 0;
    this.gap = null;
    this.proven = next;
    this.cutOffs++;
    const now = await this.publishes().catch(() => null);
    const from = gap.from;
    const bound =
      now === null || from === null || now < from.publishes
        ? null
        : Math.max(0, now - from.publishes - (gap.receivedAtLoss - from.received));
    this.missedAtMost = bound === null || this.missedAtMost === null ? null : this.missedAtMost + bound;
    return bound;
  }

  /** The connection is given up (server switch, disconnect): an open gap is counted, its size unknown. */
  abandon(): void {
    this.stop();
    this.proven = null;
    if (!this.gap) return;
    this.gap = null;
    this.cutOffs++;
    this.missedAtMost = null;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The PUBLISH and SPUBLISH call counts from an `INFO commandstats` reply. */
export function publishCalls(info: string): number {
  let total = 0;
  for (const m of info.matchAll(/^cmdstat_s?publish:calls=(\d+)/gm)) total += Number(m[1]);
  return total;
}
