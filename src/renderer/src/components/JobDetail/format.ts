/** Short human durations and times for job tables and details. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

export function clock(ts: number | null | undefined): string {
  if (!ts) return '—';
  const d = new Date(ts);
  const today = new Date().toDateString() === d.toDateString();
  const time = d.toLocaleTimeString(undefined, { hour12: false });
  return today
    ? `${time}.${String(d.getMilliseconds()).padStart(3, '0')}`
    : `${d.toLocaleDateString()} ${time}`;
}

export function pretty(value: unknown): string {
  if (value === undefined) return '—';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A progress value as a percentage when it is one (BullMQ allows any JSON). */
export function progressPercent(progress: unknown): number | null {
  if (typeof progress === 'number' && Number.isFinite(progress)) return Math.max(0, Math.min(100, progress));
  return null;
}

/**
 * A job read between its state change and its hash update (the two are separate reads) can say "completed"
 * with no finish time yet; such a read is worth repeating once.
 */
export function isTornRead(job: { state: string; timestamps: { finished?: number } }): boolean {
  return (job.state === 'completed' || job.state === 'failed') && !job.timestamps.finished;
}

/** "attempt 2 of 3", counting the run in progress; "not started" before the first. */
export function attemptText(job: { state: string; attemptsMade: number; maxAttempts: number | null }): string {
  const current = job.attemptsMade + (job.state === 'active' ? 1 : 0);
  // Celery decides retries inside the task: only the count so far is known.
  if (job.maxAttempts === null) return job.state === 'waiting' ? 'not started' : `retries ${job.attemptsMade}`;
  const max = Math.max(1, job.maxAttempts);
  return current === 0
    ? `not started · up to ${max} attempt${max === 1 ? '' : 's'}`
    : `attempt ${current} of ${max}`;
}
