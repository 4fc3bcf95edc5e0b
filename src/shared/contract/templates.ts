import { z } from 'zod';
import { type } from './define';
import { QueueName, TaskName, TaskOptions } from './task-model';
import { EngineName } from './engines';

export const TemplateName = z.string().trim().min(1, 'give the template a name').max(100);

const ArgsText = z
  .string()
  .max(1_000_000)
  .refine(
    (text) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'args must be valid JSON' },
  );

/** One step of a workflow draft; its queue defaults to the draft's. */
export const StepDraft = z
  .object({ task: TaskName, argsJson: ArgsText, queue: QueueName.optional() })
  .strict();
export type StepDraft = z.infer<typeof StepDraft>;

/** What the Compose panel holds: a single task (with copies) or a chain / group / chord of steps. */
export const ComposeDraft = z
  .object({
    queue: QueueName,
    kind: z.enum(['single', 'chain', 'group', 'chord']),
    task: TaskName.optional(),
    argsJson: ArgsText.optional(),
    options: TaskOptions.optional(),
    copies: z.number().int().min(1).max(1_000_000).optional(),
    steps: z.array(StepDraft).max(100).optional(),
    callback: StepDraft.optional(),
    /** The engine of `queue`; BullMQ when omitted (a BullMQ and a Celery queue may share a name). */
    engine: EngineName.optional(),
    /** Celery keyword arguments as typed (a JSON object). */
    kwargsJson: ArgsText.optional(),
  })
  .strict();
export type ComposeDraft = z.infer<typeof ComposeDraft>;

export interface Template {
  name: string;
  draft: ComposeDraft;
  savedAt: number;
}

export const templatesMethods = {
  /** Saved templates, sorted by name. */
  'templates.list': { input: z.object({}).strict(), output: type<Template[]>() },
  /** Saves a draft under a name; an existing name is replaced only with `overwrite`, else CONFLICT. */
  'templates.save': {
    input: z
      .object({ name: TemplateName, draft: ComposeDraft, overwrite: z.boolean().default(false) })
      .strict(),
    output: type<Template[]>(),
  },
  'templates.rename': {
    input: z.object({ from: TemplateName, to: TemplateName }).strict(),
    output: type<Template[]>(),
  },
  'templates.delete': { input: z.object({ name: TemplateName }).strict(), output: type<Template[]>() },
};

export const templatesEvents = {
  /** The whole list after any change, so every open window stays in step. */
  'templates.changed': type<Template[]>(),
};
