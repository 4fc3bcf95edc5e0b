import type { ComposeDraft, JobDetail, TaskOptions } from '../../../../shared/contract';
import { pretty } from './format';

type Stored = Record<string, unknown>;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function keep(v: unknown): boolean | number | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && typeof (v as Stored).count === 'number')
    return (v as Stored).count as number;
  return undefined;
}

/**
 * The options worth carrying into "edit and re-enqueue", read back from the stored job options. Delay and job
 * id are left out on purpose: the copy runs now, under a new id.
 */
export function storedToTaskOptions(o: Stored): TaskOptions {
  const out: TaskOptions = {};
  const attempts = num(o.attempts);
  if (attempts && attempts > 1) out.attempts = attempts;
  const priority = num(o.priority);
  if (priority) out.priority = priority;
  const backoff = o.backoff as Stored | undefined;
  if (backoff && (backoff.type === 'fixed' || backoff.type === 'exponential')) {
    const jitter = num(backoff.jitter);
    out.backoff = { type: backoff.type, delayMs: num(backoff.delay) ?? 0, ...(jitter ? { jitter } : {}) };
  }
  const onComplete = keep(o.removeOnComplete);
  if (onComplete !== undefined && onComplete !== false) out.removeOnComplete = onComplete;
  const onFail = keep(o.removeOnFail);
  if (onFail !== undefined && onFail !== false) out.removeOnFail = onFail;
  if (o.lifo === true) out.lifo = true;
  return out;
}

export function jobToDraft(job: JobDetail): ComposeDraft {
  return {
    queue: job.queue,
    kind: 'single',
    task: job.task,
    argsJson: pretty(job.args === undefined ? null : job.args),
    options: storedToTaskOptions(job.options),
    copies: 1,
  };
}
