import type Bull from 'bull';
import type { TaskOptions } from '../../../../shared/contract/task-model';
import { ApiError } from '../../../../shared/result';

/** Bull's priority: 1 is the highest; it takes any positive integer. */
export function toBullOptions(options: TaskOptions | undefined, now: number = Date.now()): Bull.JobOptions {
  const out: Bull.JobOptions = {};
  if (!options) return out;
  const delay =
    options.delayMs ?? (options.eta !== undefined ? Math.max(0, Date.parse(options.eta) - now) : 0);
  if (delay > 0) out.delay = delay;
  if (options.priority !== undefined) out.priority = options.priority;
  if (options.attempts !== undefined) out.attempts = options.attempts;
  if (options.backoff?.jitter) throw new ApiError('UNSUPPORTED', 'the bull driver has no back-off jitter');
  if (options.backoff) out.backoff = { type: options.backoff.type, delay: options.backoff.delayMs };
  if (options.jobId !== undefined) out.jobId = options.jobId;
  if (options.removeOnComplete !== undefined) out.removeOnComplete = options.removeOnComplete;
  if (options.removeOnFail !== undefined) out.removeOnFail = options.removeOnFail;
  if (options.lifo) out.lifo = true;
  return out;
}

/** The task options a stored Bull job was added with, for "edit and add again". */
export function fromBullOptions(opts: Bull.JobOptions): TaskOptions {
  const out: TaskOptions = {};
  if (opts.delay) out.delayMs = opts.delay;
  if (opts.priority) out.priority = opts.priority;
  if (opts.attempts !== undefined && opts.attempts > 1) out.attempts = opts.attempts;
  const backoff = opts.backoff;
  if (typeof backoff === 'number') out.backoff = { type: 'fixed', delayMs: backoff };
  else if (backoff?.type === 'fixed' || backoff?.type === 'exponential')
    out.backoff = { type: backoff.type, delayMs: backoff.delay ?? 0 };
  if (opts.jobId !== undefined) out.jobId = String(opts.jobId);
  if (typeof opts.removeOnComplete !== 'object') out.removeOnComplete = opts.removeOnComplete;
  if (typeof opts.removeOnFail !== 'object') out.removeOnFail = opts.removeOnFail;
  if (opts.lifo) out.lifo = true;
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as TaskOptions;
}
