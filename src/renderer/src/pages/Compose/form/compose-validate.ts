import { QueueName } from '../../../../../shared/contract/task-model';
import type { ComposeDraft, StepDraft } from '../../../../../shared/contract/templates';
import type { ComposeForm, FieldErrors, StepForm } from './compose-form';
import { checkJsonSchema } from './json-schema-check';
import { validateOptions } from './options-validate';

/** Args schemas by task name, from `tasks.list`. */
export type SchemaLookup = (task: string) => unknown;

/** Parses args text; the error says where JSON.parse stopped. */
export function parseArgs(text: string): { value?: unknown; error?: string } {
  if (text.trim() === '') return { error: 'args are empty: write JSON, e.g. {} or null' };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    return { error: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Celery keyword arguments: a JSON object. */
export function parseKwargs(text: string): { value?: Record<string, unknown>; error?: string } {
  const parsed = parseArgs(text);
  if (parsed.error) return { error: parsed.error };
  const v = parsed.value;
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { error: 'kwargs must be a JSON object, e.g. {"name": "ann"}' };
  return { value: v as Record<string, unknown> };
}

function checkQueue(text: string, key: string, errors: FieldErrors, optional = false): string | undefined {
  const name = text.trim();
  if (optional && name === '') return undefined;
  const r = QueueName.safeParse(name);
  if (!r.success)
    errors[key] = name === '' ? 'pick or type a queue' : (r.error.issues[0]?.message ?? 'bad queue name');
  return name;
}

function checkTaskAndArgs(
  task: string,
  argsJson: string,
  at: string,
  errors: FieldErrors,
  schemaOf: SchemaLookup,
): void {
  const name = task.trim();
  if (!name) errors[`${at}task`] = 'pick or type a task name';
  const args = parseArgs(argsJson);
  if (args.error) errors[`${at}argsJson`] = args.error;
  else if (name) {
    const problem = checkJsonSchema(args.value, schemaOf(name));
    if (problem) errors[`${at}argsJson`] = problem;
  }
}

function checkStep(step: StepForm, at: string, errors: FieldErrors, schemaOf: SchemaLookup): StepDraft {
  checkTaskAndArgs(step.task, step.argsJson, at, errors, schemaOf);
  const queue = checkQueue(step.queue, `${at}queue`, errors, true);
  return { task: step.task.trim(), argsJson: step.argsJson, ...(queue ? { queue } : {}) };
}

/** Checks the whole form before anything is sent; a draft only when there is no error at all. */
export function validateCompose(
  form: ComposeForm,
  schemaOf: SchemaLookup,
  now = Date.now(),
): { draft?: ComposeDraft; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const queue = checkQueue(form.queue, 'queue', errors) ?? '';
  let draft: ComposeDraft;
  if (form.kind === 'single') {
    checkTaskAndArgs(form.task, form.argsJson, '', errors, schemaOf);
    const { options, errors: optionErrors } = validateOptions(form.options, now);
    Object.assign(errors, optionErrors);
    const copies = Number(form.copies.trim() || '1');
    if (!Number.isInteger(copies) || copies < 1 || copies > 1_000_000)
      errors.copies = 'copies: a whole number from 1 to 1,000,000';
    if (copies > 1 && options.jobId)
      errors['options.jobId'] = 'copies get their own ids; leave the job id blank';
    draft = { queue, kind: 'single', task: form.task.trim(), argsJson: form.argsJson, options, copies };
    if (form.engine === 'celery' && form.kwargsJson.trim()) {
      const kwargs = parseKwargs(form.kwargsJson);
      if (kwargs.error) errors.kwargsJson = kwargs.error;
      else draft.kwargsJson = form.kwargsJson;
    }
  } else {
    if (form.steps.length === 0) errors.steps = 'add at least one step';
    const steps = form.steps.map((s, i) => checkStep(s, `steps.${i}.`, errors, schemaOf));
    draft = { queue, kind: form.kind, steps };
    if (form.kind === 'chord') draft.callback = checkStep(form.callback, 'callback.', errors, schemaOf);
  }
  if (form.engine !== 'bullmq') draft.engine = form.engine;
  return Object.keys(errors).length ? { errors } : { draft, errors };
}
