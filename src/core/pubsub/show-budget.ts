/**
 * How many messages the UI is sent: a burst up to `burst` at once (the rows the panel keeps), then at most
 * `perSecond` on average. Past that, a page only parses rows it replaces before anyone reads them, and its frames
 * suffer (bench/pubsub-max.ts); the host drops the older ones instead, counted.
 */
export class ShowBudget {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  /** Messages that may be sent now. */
  available(): number {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    return Math.floor(this.tokens);
  }

  spend(n: number): void {
    this.tokens -= n;
  }
}
