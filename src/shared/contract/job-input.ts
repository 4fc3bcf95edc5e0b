import { z } from 'zod';
import { EngineField } from './engines';
import { QueuePrefix } from './queue-refs';
import { JsonValue, QueueName, TaskName, TaskOptions } from './task-model';

/** A task to call back after another (Celery's link / link_error); no nesting. */
export const LinkedTask = z
  .object({
    task: TaskName,
    args: z.array(JsonValue).max(1000).default([]),
    kwargs: z.record(z.string(), JsonValue).default({}),
    queue: QueueName.optional(),
    /** Immutable: the parent's result is not prepended to the args. */
    immutable: z.boolean().default(false),
  })
  .strict();
export type LinkedTask = z.output<typeof LinkedTask>;

/**
 * A task to enqueue: `args` as a JSON value, or `argsJson` as text the server parses (so a form can send what the
 * user typed and get a clear error back). Neither means `null` args.
 */
const TaskFields = {
  task: TaskName,
  args: JsonValue.optional(),
  /** Keyword arguments, for drivers that have them (Celery); BullMQ answers UNSUPPORTED. */
  kwargs: z.record(z.string(), JsonValue).optional(),
  argsJson: z.string().max(10_000_000).optional(),
  options: TaskOptions.optional(),
  /** Called with the result on success / with the task id on failure (Celery); BullMQ answers UNSUPPORTED. */
  link: z.array(LinkedTask).max(50).optional(),
  linkError: z.array(LinkedTask).max(50).optional(),
};

export function parseArgs<T extends { args?: unknown; argsJson?: string }>(
  value: T,
  ctx: z.RefinementCtx,
): Omit<T, 'argsJson'> & { args: unknown } {
  const { argsJson, ...rest } = value;
  if (argsJson === undefined) return { ...rest, args: value.args ?? null };
  if (value.args !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['argsJson'], message: 'give args or argsJson, not both' });
    return z.NEVER;
  }
  try {
    return { ...rest, args: JSON.parse(argsJson) as unknown };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    ctx.addIssue({ code: 'custom', path: ['argsJson'], message: `not valid JSON: ${why}` });
    return z.NEVER;
  }
}

export const AddJobInput = z
  .object({ queue: QueueName, prefix: QueuePrefix, engine: EngineField, ...TaskFields })
  .strict()
  .transform(parseArgs);

export const AddCopiesInput = z
  .object({
    queue: QueueName,
    prefix: QueuePrefix,
    engine: EngineField,
    ...TaskFields,
    count: z.number().int().min(1).max(1_000_000),
    /** Jobs per addBulk call. */
    batchSize: z.number().int().min(1).max(10_000).default(1000),
    /** Echoed in `jobs.addProgress` events so the caller can tell its operation apart. */
    opId: z.string().min(1).max(100).optional(),
  })
  .strict()
  .transform(parseArgs);

/** One step of a flow; its queue defaults to the flow's. */
export const FlowStep = z
  .object({ queue: QueueName.optional(), ...TaskFields })
  .strict()
  .transform(parseArgs);
export type FlowStep = z.output<typeof FlowStep>;
