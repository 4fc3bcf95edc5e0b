import {
  type EngineName,
  QueueName,
  ScheduleId,
  type Schedule,
  type ScheduleInput,
  type Trigger,
} from '../../../../shared/contract';
import { parseArgs, parseKwargs } from '../Compose/form/compose-validate';
import { toLocalInput } from '../Compose/form/options-validate';

export type TriggerKind = 'every' | 'cron' | 'at';

/** The schedule editor's fields as typed. */
export interface ScheduleForm {
  id: string;
  task: string;
  queue: string;
  /** Chosen explicitly: a BullMQ and a Celery queue may share a name. */
  engine: EngineName;
  argsJson: string;
  /** Celery only; blank means none. */
  kwargsJson: string;
  kind: TriggerKind;
  everySec: string;
  cron: string;
  tz: string;
  /** `datetime-local` value. */
  at: string;
  enabled: boolean;
}

export const EMPTY_SCHEDULE: ScheduleForm = {
  id: '',
  task: 'demo.echo',
  queue: 'default',
  engine: 'bullmq',
  argsJson: '{}',
  kwargsJson: '',
  kind: 'every',
  everySec: '60',
  cron: '*/5 * * * *',
  tz: '',
  at: '',
  enabled: true,
};

export type ScheduleErrors = Partial<Record<keyof ScheduleForm, string>>;

/** The trigger the fields describe, or the field error; cron syntax itself is checked by `beat.preview`. */
export function formTrigger(form: ScheduleForm): { trigger?: Trigger; errors: ScheduleErrors } {
  if (form.kind === 'every') {
    const sec = Number(form.everySec.trim());
    if (form.everySec.trim() === '' || !Number.isFinite(sec))
      return { errors: { everySec: 'give a number of seconds' } };
    if (sec < 0.1) return { errors: { everySec: 'every must be at least 0.1 s' } };
    return { trigger: { every: Math.round(sec * 1000) }, errors: {} };
  }
  if (form.kind === 'cron') {
    if (!form.cron.trim()) return { errors: { cron: 'write a cron expression, e.g. */5 * * * *' } };
    const tz = form.tz.trim();
    if (tz) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
      } catch {
        return { errors: { tz: `unknown time zone "${tz}"` } };
      }
    }
    return { trigger: { cron: form.cron.trim(), ...(tz ? { tz } : {}) }, errors: {} };
  }
  const at = new Date(form.at);
  if (!form.at || Number.isNaN(at.getTime())) return { errors: { at: 'pick a date and time' } };
  if (at.getTime() <= Date.now()) return { errors: { at: 'the time is in the past' } };
  return { trigger: { at: at.toISOString() }, errors: {} };
}

/** Checks every field; the input for `beat.add` / `beat.update` only when all are right. */
export function validateSchedule(form: ScheduleForm): { input?: ScheduleInput; errors: ScheduleErrors } {
  const { trigger, errors } = formTrigger(form);
  const id = form.id.trim();
  if (id) {
    const r = ScheduleId.safeParse(id);
    if (!r.success) errors.id = r.error.issues[0]?.message ?? 'bad id';
  }
  if (!form.task.trim()) errors.task = 'pick or type a task name';
  const queue = QueueName.safeParse(form.queue.trim());
  if (!queue.success)
    errors.queue = form.queue.trim() ? (queue.error.issues[0]?.message ?? 'bad queue') : 'give a queue';
  const args = parseArgs(form.argsJson);
  if (args.error) errors.argsJson = args.error;
  const kwargs: { value?: Record<string, unknown> | null; error?: string } =
    form.engine === 'celery' && form.kwargsJson.trim() ? parseKwargs(form.kwargsJson) : { value: null };
  if (kwargs.error) errors.kwargsJson = kwargs.error;
  if (Object.keys(errors).length || !trigger) return { errors };
  const input: ScheduleInput = {
    task: form.task.trim(),
    queue: form.queue.trim(),
    engine: form.engine,
    args: args.value,
    kwargs: kwargs.value ?? null,
    trigger,
    enabled: form.enabled,
    ...(id ? { id } : {}),
  };
  return { input, errors };
}

/** 3600000 → "1 h", 90000 → "90 s", 250 → "250 ms": the largest unit that says it exactly. */
function intervalText(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0 && ms >= 120_000) return `${ms / 60_000} min`;
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

export function triggerText(t: Trigger): string {
  if ('every' in t) return `every ${intervalText(t.every)}`;
  if ('cron' in t) return `cron ${t.cron}${t.tz ? ` (${t.tz})` : ''}`;
  return `once at ${new Date(t.at).toLocaleString()}`;
}

export function scheduleToForm(s: Schedule): ScheduleForm {
  const t = s.trigger;
  return {
    ...EMPTY_SCHEDULE,
    id: s.id,
    task: s.task,
    queue: s.queue,
    engine: s.engine,
    argsJson: JSON.stringify(s.args ?? null, null, 2),
    kwargsJson: s.kwargs ? JSON.stringify(s.kwargs, null, 2) : '',
    kind: 'every' in t ? 'every' : 'cron' in t ? 'cron' : 'at',
    everySec: 'every' in t ? String(t.every / 1000) : EMPTY_SCHEDULE.everySec,
    cron: 'cron' in t ? t.cron : EMPTY_SCHEDULE.cron,
    tz: 'cron' in t ? (t.tz ?? '') : '',
    at: 'at' in t ? toLocalInput(new Date(t.at)) : '',
    enabled: s.enabled,
  };
}
