/** How far back a rate looks: about what Redis averages its instantaneous_ops_per_sec over. */
const WINDOW_MS = 2000;

/** A per-second rate of a growing counter, read whenever asked (no timer), over the last couple of seconds. */
export class RateMeter {
  private samples: Array<{ t: number; n: number }>;

  constructor(count: number, now = Date.now()) {
    this.samples = [{ t: now, n: count }];
  }

  perSec(count: number, now = Date.now()): number {
    this.samples.push({ t: now, n: count });
    // Keep the newest sample that is at least a window old as the base; drop the ones before it.
    while (this.samples.length > 2 && now - (this.samples[1] as { t: number }).t >= WINDOW_MS)
      this.samples.shift();
    const base = this.samples[0] as { t: number; n: number };
    const dt = now - base.t;
    return dt > 0 ? Math.round(((count - base.n) * 1000) / dt) : 0;
  }
}
