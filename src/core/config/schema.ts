import { z } from 'zod';
import { QueueName, ScheduleInput, UrlTarget } from '../../shared/contract';

export const DEFAULT_PREFIX = 'bull';
export const DEFAULT_CONCURRENCY = 5;

const QueueEntry = z.union([
  QueueName.transform((name) => ({ name, concurrency: DEFAULT_CONCURRENCY })),
  z
    .object({ name: QueueName, concurrency: z.number().int().min(1).max(1000).default(DEFAULT_CONCURRENCY) })
    .strict(),
]);

/** `queuedesk.config.{ts,js,json}`: what a project tells QueueDesk and `queuedesk worker` / `beat`. */
export const ProjectConfig = z
  .object({
    /** The Redis to use; the CLI's --redis or REDIS_URL win over it. The app keeps its own connection. */
    connection: UrlTarget.omit({ mode: true, saved: true }).optional(),
    /** BullMQ key prefix. */
    prefix: z
      .string()
      .min(1)
      .regex(/^[^:\s]+$/, 'a prefix cannot contain ":" or spaces')
      .default(DEFAULT_PREFIX),
    /** The task module, relative to the config file. */
    tasks: z.string().min(1).optional(),
    queues: z.array(QueueEntry).default([]),
    /** Upserted into beat when the project is opened or `queuedesk beat` starts. */
    schedules: z.array(ScheduleInput.required({ id: true })).default([]),
  })
  .strict();

export type ProjectConfig = z.output<typeof ProjectConfig>;
/** What a config file may say (defaults not applied): handy as the type of `export default`. */
export type ProjectConfigInput = z.input<typeof ProjectConfig>;
