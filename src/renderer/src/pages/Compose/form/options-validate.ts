import type { TaskOptions } from '../../../../../shared/contract';
import type { FieldErrors, OptionsForm } from './compose-form';

type IntCheck = { min: number; max?: number; what: string };

/** An optional whole number typed in a field: undefined when blank, else the number or an error. */
function int(text: string, check: IntCheck): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return {};
  if (!/^-?\d+$/.test(t)) return { error: `${check.what} must be a whole number` };
  const value = Number(t);
  if (value < check.min)
    return {
      error:
        check.min === 0 ? `${check.what} cannot be negative` : `${check.what} must be at least ${check.min}`,
    };
  if (check.max !== undefined && value > check.max)
    return { error: `${check.what} must be at most ${check.max}` };
  return { value };
}

/** "" keeps all, a count keeps the newest N, "0" removes at once (BullMQ's removeOnComplete semantics). */
function keep(text: string, what: string): { value?: boolean | number; error?: string } {
  const r = int(text, { min: 0, what });
  if (r.error || r.value === undefined) return r;
  return { value: r.value === 0 ? true : r.value };
}

/** Optional seconds (Celery time limits): positive, at most a week. */
function seconds(text: string, what: string): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return {};
  const value = Number(t);
  if (!Number.isFinite(value) || value <= 0) return { error: `${what}: a positive number of seconds` };
  if (value > 7 * 24 * 3600) return { error: `${what}: at most a week` };
  return { value };
}

/** Turns the options fields into TaskOptions, collecting one error per bad field under `options.<field>`. */
export function validateOptions(
  form: OptionsForm,
  now = Date.now(),
): { options: TaskOptions; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const options: TaskOptions = {};
  const take = <K extends keyof TaskOptions>(
    field: keyof OptionsForm,
    key: K,
    r: { value?: TaskOptions[K]; error?: string },
  ): void => {
    if (r.error) errors[`options.${field}`] = r.error;
    else if (r.value !== undefined) options[key] = r.value;
  };
  if (form.timing === 'delay') {
    const r = int(form.delayMs, { min: 0, what: 'delay' });
    if (!r.error && r.value === undefined) errors['options.delayMs'] = 'give a delay in ms, or pick "now"';
    take('delayMs', 'delayMs', r);
  }
  if (form.timing === 'eta') {
    const at = new Date(form.eta);
    if (!form.eta || Number.isNaN(at.getTime())) errors['options.eta'] = 'pick a date and time';
    else if (at.getTime() < now - 60_000) errors['options.eta'] = 'the ETA is in the past';
    else options.eta = at.toISOString();
  }
  take('priority', 'priority', int(form.priority, { min: 1, max: 2_097_152, what: 'priority' }));
  take('attempts', 'attempts', int(form.attempts, { min: 1, max: 1000, what: 'attempts' }));
  if (form.backoff !== 'none') {
    const delay = int(form.backoffDelayMs, { min: 0, max: 7 * 24 * 3600_000, what: 'back-off delay' });
    if (delay.error) errors['options.backoffDelayMs'] = delay.error;
    const jitterText = form.jitter.trim();
    const jitter = jitterText === '' ? undefined : Number(jitterText);
    if (jitter !== undefined && !(jitter >= 0 && jitter <= 1))
      errors['options.jitter'] = 'jitter is a share from 0 to 1';
    if (!errors['options.backoffDelayMs'] && !errors['options.jitter'])
      options.backoff = {
        type: form.backoff,
        delayMs: delay.value ?? 0,
        ...(jitter !== undefined ? { jitter } : {}),
      };
  }
  const jobId = form.jobId.trim();
  if (jobId.includes(':')) errors['options.jobId'] = 'a job id cannot contain ":"';
  else if (jobId) options.jobId = jobId;
  take('expiresMs', 'expiresMs', int(form.expiresMs, { min: 1, what: 'expiry' }));
  take('removeOnComplete', 'removeOnComplete', keep(form.removeOnComplete, 'keep count'));
  take('removeOnFail', 'removeOnFail', keep(form.removeOnFail, 'keep count'));
  if (form.lifo) options.lifo = true;
  take('softTimeLimitSec', 'softTimeLimitSec', seconds(form.softTimeLimitSec, 'soft time limit'));
  take('timeLimitSec', 'timeLimitSec', seconds(form.timeLimitSec, 'hard time limit'));
  return { options, errors };
}

/** The fields that show a stored TaskOptions (templates, "edit and re-enqueue"). */
export function optionsToForm(o: TaskOptions, base: OptionsForm): OptionsForm {
  const keepText = (v: boolean | number | undefined): string =>
    v === true ? '0' : typeof v === 'number' ? String(v) : '';
  return {
    ...base,
    timing: o.delayMs !== undefined ? 'delay' : o.eta ? 'eta' : 'now',
    delayMs: o.delayMs !== undefined ? String(o.delayMs) : '',
    eta: o.eta ? toLocalInput(new Date(o.eta)) : '',
    priority: o.priority !== undefined ? String(o.priority) : '',
    attempts: o.attempts !== undefined ? String(o.attempts) : '',
    backoff: o.backoff?.type ?? 'none',
    backoffDelayMs: o.backoff ? String(o.backoff.delayMs) : base.backoffDelayMs,
    jitter: o.backoff?.jitter !== undefined ? String(o.backoff.jitter) : '',
    jobId: o.jobId ?? '',
    expiresMs: o.expiresMs !== undefined ? String(o.expiresMs) : '',
    removeOnComplete: keepText(o.removeOnComplete),
    removeOnFail: keepText(o.removeOnFail),
    lifo: o.lifo ?? false,
    softTimeLimitSec: o.softTimeLimitSec !== undefined ? String(o.softTimeLimitSec) : '',
    timeLimitSec: o.timeLimitSec !== undefined ? String(o.timeLimitSec) : '',
  };
}

/** A Date as a `datetime-local` input value in the local time zone. */
export function toLocalInput(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
