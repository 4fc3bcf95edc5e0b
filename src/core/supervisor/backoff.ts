/** Restart delay after the n-th crash in a row: 500 ms doubling to 30 s. */
export function restartDelay(crashesInARow: number): number {
  return Math.min(500 * 2 ** Math.max(0, crashesInARow - 1), 30_000);
}

/** A child that ran this long before crashing starts the back-off over. */
export const HEALTHY_RUN_MS = 30_000;
