/** "42 s", "3 min 5 s", "2 h 10 min": a span of time, rounded to the second. */
export function since(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/**
 * A moment against now: "in 5 s" ahead, "5 s ago" behind, "just now" within the second.
 * - `past`, for moments known to have happened (a last run): one stamped a little ahead of this clock (another
 *   machine's, or the once-a-second tick) still reads "just now", never "in 0 s".
 * - `next`, for a next run: "due now" within the second, "due 5 s ago" once it is overdue.
 */
export function relativeTime(ts: number, now: number, kind: 'past' | 'next' | 'any' = 'any'): string {
  const ahead = ts - now;
  if (kind === 'next') {
    if (Math.abs(ahead) < 1000) return 'due now';
    return ahead > 0 ? `in ${since(ahead)}` : `due ${since(-ahead)} ago`;
  }
  if (Math.abs(ahead) < 1000 || (kind === 'past' && ahead > 0)) return 'just now';
  return ahead > 0 ? `in ${since(ahead)}` : `${since(-ahead)} ago`;
}
