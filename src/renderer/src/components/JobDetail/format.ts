import type { JobTimestamps } from '../../../../shared/contract';

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

/**
 * "attempt 2 of 3", counting the run in progress; "not started" before the first. A job retried by hand after its
 * last configured attempt keeps counting (BullMQ does not reset attemptsMade), so past the configured number it
 * reads "attempt 3 (2 configured, retried by hand)" rather than "attempt 3 of 2".
 */
export function attemptText(job: {
  state: string;
  attemptsMade: number;
  maxAttempts: number | null;
}): string {
  const current = job.attemptsMade + (job.state === 'active' ? 1 : 0);
  // Celery decides retries inside the task: only the count so far is known.
  if (job.maxAttempts === null)
    return job.state === 'waiting' ? 'not started' : `retries ${job.attemptsMade}`;
  const max = Math.max(1, job.maxAttempts);
  return current === 0
    ? `not started · up to ${max} attempt${max === 1 ? '' : 's'}`
    : current > max
      ? `attempt ${current} (${max} configured, retried by hand)`
      : `attempt ${current} of ${max}`;
}

/** How long the latest run waited to start: from its latest enqueue (created, due, or retried by hand). */
export function waitMs(t: JobTimestamps): number | null {
  if (!t.processed) return null;
  const from = Math.max(t.created ?? 0, t.due ?? 0, t.retried ?? 0);
  return from ? Math.max(0, t.processed - from) : null;
}

/**
 * The toast after a retry. The state the server read right after retrying goes stale within milliseconds (a
 * worker may finish the job before the toast shows), so only a finished state is worth saying.
 */
export function retryToastText(id: string, state: string): string {
  if (state === 'completed') return `Job ${id} retried — completed already`;
  if (state === 'failed') return `Job ${id} retried — failed again`;
  return `Job ${id} retried`;
}
