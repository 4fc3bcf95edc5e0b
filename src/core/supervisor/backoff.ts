/** Restart delay after the n-th crash in a row: 500 ms doubling to 30 s. */
export function restartDelay(crashesInARow: number): number {
  return Math.min(500 * 2 ** Math.max(0, crashesInARow - 1), 30_000);
}

/** A child that ran this long before crashing starts the back-off over. */
export const HEALTHY_RUN_MS = 30_000;

/** The crash count after one more crash of a child that ran `ranMs`. */
export function crashesAfter(crashesInARow: number, ranMs: number): number {
  return ranMs > HEALTHY_RUN_MS ? 1 : crashesInARow + 1;
}

/** The restarts of one supervised child: the crash count and the pending restart's timer. */
export class CrashRestarts {
  private crashesInARow = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly delayOf: (crashesInARow: number) => number) {}

  /** Counts a crash of a child that ran `ranMs` and runs `restart` after its back-off; returns the delay. */
  schedule(ranMs: number, restart: () => void): number {
    this.crashesInARow = crashesAfter(this.crashesInARow, ranMs);
    const delay = this.delayOf(this.crashesInARow);
    this.timer = setTimeout(() => {
      this.timer = null;
      restart();
    }, delay);
    return delay;
  }

  /** Drops a pending restart; true if there was one. */
  cancel(): boolean {
    if (!this.timer) return false;
    clearTimeout(this.timer);
    this.timer = null;
    return true;
  }
}

/** The log line of a crash. */
export function crashLine(code: number | null, signal: string | null, delay: number): string {
  return `exited unexpectedly (${signal ?? `code ${code}`}); restarting in ${delay} ms`;
}
