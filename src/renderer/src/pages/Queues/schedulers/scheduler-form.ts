import {
  SchedulerId,
  type Params,
  type SchedulerSummary,
  type Trigger,
} from '../../../../../shared/contract';
import { parseArgs } from '../../Compose/form/compose-validate';
import { EMPTY_SCHEDULE, formTrigger } from '../../Processes/schedule-form';

/** The job scheduler editor's fields as typed. */
export interface SchedulerForm {
  id: string;
  task: string;
  argsJson: string;
  kind: 'every' | 'cron';
  everySec: string;
  cron: string;
  tz: string;
  /** Blank: no limit. */
  limit: string;
  /** Blank: BullMQ's default (one attempt). */
  attempts: string;
}

export type SchedulerErrors = Partial<Record<keyof SchedulerForm, string>>;

export const EMPTY_SCHEDULER: SchedulerForm = {
  id: '',
  task: 'demo.echo',
  argsJson: '{}',
  kind: 'every',
  everySec: '60',
  cron: '0 * * * *',
  tz: '',
  limit: '',
  attempts: '',
};

/** The schedule as beat's trigger type, so both schedule kinds share one wording and one preview. */
export function schedulerTrigger(s: Pick<SchedulerSummary, 'every' | 'pattern' | 'tz'>): Trigger {
  if (s.every !== null) return { every: s.every };
  return { cron: s.pattern ?? '', ...(s.tz ? { tz: s.tz } : {}) };
}

export function schedulerToForm(s: SchedulerSummary): SchedulerForm {
  return {
    id: s.id,
    task: s.task,
    argsJson: JSON.stringify(s.args ?? null, null, 2),
    kind: s.every !== null ? 'every' : 'cron',
    everySec: s.every !== null ? String(s.every / 1000) : EMPTY_SCHEDULER.everySec,
    cron: s.pattern ?? EMPTY_SCHEDULER.cron,
    tz: s.tz ?? '',
    limit: s.limit === null ? '' : String(s.limit),
    attempts: s.options.attempts === undefined ? '' : String(s.options.attempts),
  };
}

/** A blank field is "not set"; otherwise a whole number from `min`. */
function wholeNumber(text: string, min: number): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return {};
  const n = Number(t);
  if (!Number.isInteger(n) || n < min) return { error: `a whole number from ${min}, or blank` };
  return { value: n };
}

/** Checks every field; the `schedulers.upsert` input only when all are right (cron syntax: the server's say). */
export function validateScheduler(
  form: SchedulerForm,
  ref: { queue: string; prefix: string },
): { input?: Params<'schedulers.upsert'>; errors: SchedulerErrors } {
  const { trigger, errors: triggerErrors } = formTrigger({ ...EMPTY_SCHEDULE, ...form });
  const errors: SchedulerErrors = { ...triggerErrors };
  const id = SchedulerId.safeParse(form.id);
  if (!id.success) errors.id = form.id.trim() ? (id.error.issues[0]?.message ?? 'bad id') : 'give an id';
  if (!form.task.trim()) errors.task = 'give the task (job name) its runs get';
  const args = parseArgs(form.argsJson);
  if (args.error) errors.argsJson = args.error;
  const limit = wholeNumber(form.limit, 1);
  if (limit.error) errors.limit = limit.error;
  const attempts = wholeNumber(form.attempts, 1);
  if (attempts.error) errors.attempts = attempts.error;
  if (Object.keys(errors).length || !trigger || !id.success) return { errors };
  const timing =
    'every' in trigger
      ? { every: trigger.every }
      : 'cron' in trigger
        ? { pattern: trigger.cron, ...(trigger.tz ? { tz: trigger.tz } : {}) }
        : {};
  const input: Params<'schedulers.upsert'> = {
    ...ref,
    id: id.data,
    task: form.task.trim(),
    args: args.value,
    ...timing,
    ...(limit.value !== undefined ? { limit: limit.value } : {}),
    ...(attempts.value !== undefined ? { options: { attempts: attempts.value } } : {}),
  };
  return { input, errors };
}
