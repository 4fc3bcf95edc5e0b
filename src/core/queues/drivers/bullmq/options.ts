import type { JobsOptions } from 'bullmq';
import type { TaskOptions } from '../../../../shared/contract/task-model';

/** BullMQ rejects priorities above 2^21 - 1. */
const BULL_PRIORITY_LIMIT = 2 ** 21 - 1;

/**
 * Job option holding the expiry deadline (epoch ms). BullMQ has no expiry of its own; it keeps unknown option
 * keys as they are, so the worker reads this from `job.opts` and fails a job that starts after it with reason
 * "expired" (see `isExpired`). Set from `TaskOptions.expiresMs`, counted from when the job becomes due.
 */
export const EXPIRES_AT_OPTION = 'expiresAt';

/** Job options as stored, with QueueDesk's own extra key. */
export type QueueDeskJobsOptions = JobsOptions & { [EXPIRES_AT_OPTION]?: number };

/** Maps QueueDesk's task options to BullMQ's `Queue.add` options; `now` fixes the clock for ETA and expiry. */
export function toBullJobOptions(
  options: TaskOptions | undefined,
  now: number = Date.now(),
): QueueDeskJobsOptions {
  const out: QueueDeskJobsOptions = {};
  if (!options) return out;
  const delay = dueDelay(options, now);
  if (delay > 0) out.delay = delay;
  if (options.priority !== undefined) out.priority = Math.min(options.priority, BULL_PRIORITY_LIMIT);
  if (options.attempts !== undefined) out.attempts = options.attempts;
  if (options.backoff) {
    out.backoff = { type: options.backoff.type, delay: options.backoff.delayMs };
    if (options.backoff.jitter) out.backoff.jitter = options.backoff.jitter;
  }
  if (options.jobId !== undefined) out.jobId = options.jobId;
  if (options.removeOnComplete !== undefined) out.removeOnComplete = options.removeOnComplete;
  if (options.removeOnFail !== undefined) out.removeOnFail = options.removeOnFail;
  if (options.lifo) out.lifo = true;
  if (options.expiresMs !== undefined) {
    out[EXPIRES_AT_OPTION] = now + delay + options.expiresMs;
    // The job's created time is the clock the deadline was counted from, so expiresMs can be read back exactly.
    out.timestamp = now;
  }
  return out;
}

/** Milliseconds until the job is due: the delay, or the time left to the ETA (0 when the ETA has passed). */
export function dueDelay(options: Pick<TaskOptions, 'delayMs' | 'eta'>, now: number): number {
  if (options.delayMs !== undefined) return options.delayMs;
  if (options.eta !== undefined) return Math.max(0, Date.parse(options.eta) - now);
  return 0;
}

/** The expiry deadline stored on a job, if any. */
export function expiresAt(opts: object | undefined): number | undefined {
  const value = (opts as Record<string, unknown> | undefined)?.[EXPIRES_AT_OPTION];
  return typeof value === 'number' ? value : undefined;
}

/** Whether a job starting at `now` is past its expiry: the worker then fails it with reason "expired". */
export function isExpired(opts: object | undefined, now: number = Date.now()): boolean {
  const deadline = expiresAt(opts);
  return deadline !== undefined && now > deadline;
}

/**
 * The task options a stored job was added with, rebuilt from its BullMQ options so it can be edited and added
 * again. `created` is the job's timestamp (expiry is stored as a deadline counted from when it was due).
 */
export function fromBullJobOptions(opts: QueueDeskJobsOptions, created: number): TaskOptions {
  const out: TaskOptions = {};
  const delay = opts.delay ?? 0;
  if (delay > 0) out.delayMs = delay;
  if (opts.priority) out.priority = opts.priority;
  if (opts.attempts !== undefined && opts.attempts > 1) out.attempts = opts.attempts;
  const backoff = fromBullBackoff(opts.backoff);
  if (backoff) out.backoff = backoff;
  if (opts.jobId !== undefined) out.jobId = opts.jobId;
  if (typeof opts.removeOnComplete !== 'object') out.removeOnComplete = opts.removeOnComplete;
  if (typeof opts.removeOnFail !== 'object') out.removeOnFail = opts.removeOnFail;
  if (opts.lifo) out.lifo = true;
  const deadline = expiresAt(opts);
  if (deadline !== undefined) out.expiresMs = Math.max(1, deadline - created - delay);
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as TaskOptions;
}

function fromBullBackoff(backoff: QueueDeskJobsOptions['backoff']): TaskOptions['backoff'] {
  if (typeof backoff === 'number') return { type: 'fixed', delayMs: backoff };
  // BullMQ also allows custom strategy names; only the two built-in ones map back.
  const type =
    backoff?.type === 'fixed' ? 'fixed' : backoff?.type === 'exponential' ? 'exponential' : undefined;
  if (!type) return undefined;
  const out: NonNullable<TaskOptions['backoff']> = { type, delayMs: backoff?.delay ?? 0 };
  if (backoff?.jitter) out.jitter = backoff.jitter;
  return out;
}
