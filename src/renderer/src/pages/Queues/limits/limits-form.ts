import type { QueueLimits } from '../../../../../shared/contract';

/** The queue-limit fields as typed: blank means "no limit". */
export interface LimitsForm {
  concurrency: string;
  rateMax: string;
  rateDurationMs: string;
}

export type LimitsPatch = {
  concurrency: number | null;
  rateLimit: { max: number; durationMs: number } | null;
};

export function limitsToForm(l: QueueLimits): LimitsForm {
  return {
    concurrency: l.concurrency === null ? '' : String(l.concurrency),
    rateMax: l.rateLimit ? String(l.rateLimit.max) : '',
    rateDurationMs: l.rateLimit ? String(l.rateLimit.durationMs) : '',
  };
}

function whole(text: string, what: string, min: number): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return {};
  if (!/^\d+$/.test(t)) return { error: `${what}: a whole number` };
  const value = Number(t);
  return value < min ? { error: `${what}: at least ${min}` } : { value };
}

/** The patch to send, or one error per bad field (keys: the form's field names). */
export function formToPatch(f: LimitsForm): {
  patch?: LimitsPatch;
  errors: Partial<Record<keyof LimitsForm, string>>;
} {
  const errors: Partial<Record<keyof LimitsForm, string>> = {};
  const c = whole(f.concurrency, 'concurrency', 1);
  const max = whole(f.rateMax, 'jobs', 1);
  const win = whole(f.rateDurationMs, 'window', 10);
  if (c.error) errors.concurrency = c.error;
  if (max.error) errors.rateMax = max.error;
  if (win.error) errors.rateDurationMs = win.error;
  // A rate needs both halves; both blank means no rate limit.
  if (!max.error && !win.error && (max.value === undefined) !== (win.value === undefined)) {
    if (max.value === undefined) errors.rateMax = 'give the jobs per window too';
    else errors.rateDurationMs = 'give the window in ms too';
  }
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    patch: {
      concurrency: c.value ?? null,
      rateLimit:
        max.value !== undefined && win.value !== undefined ? { max: max.value, durationMs: win.value } : null,
    },
  };
}
