import { z } from 'zod';
import { ClusterTarget, QueueName, ScheduleInput, SentinelTarget, UrlTarget } from '../../shared/contract';

export const DEFAULT_PREFIX = 'bull';
export const DEFAULT_CONCURRENCY = 5;

const QueueEntry = z.union([
  QueueName.transform((name) => ({ name, concurrency: DEFAULT_CONCURRENCY })),
  z
    .object({ name: QueueName, concurrency: z.number().int().min(1).max(1000).default(DEFAULT_CONCURRENCY) })
    .strict(),
]);

/** A CA read from a file, relative to the config file; the CLI reads it (`tlsCa` gives the PEM itself). */
const CaFile = { tlsCaFile: z.string().min(1).optional() };

/**
 * The Redis of `queuedesk worker` / `beat`: `{ url, … }` as ever, or a target as `connection.connect` takes it,
 * mode included (`{ mode: 'cluster', nodes }`, `{ mode: 'sentinel', sentinels, name }`). No `saved`: the CLI
 * cannot read the app's stored passwords.
 */
export const ProjectConnection = z
  .union([
    UrlTarget.omit({ mode: true, saved: true })
      .extend(CaFile)
      .transform((c) => ({ ...c, mode: 'url' as const })),
    z.discriminatedUnion('mode', [
      UrlTarget.omit({ saved: true }).extend(CaFile),
      SentinelTarget.omit({ saved: true }).extend(CaFile),
      ClusterTarget.omit({ saved: true }).extend(CaFile),
    ]),
  ])
  .refine((c) => !(c.tlsCa && c.tlsCaFile), {
    message: 'tlsCa and tlsCaFile both give the CA: keep one',
    path: ['tlsCaFile'],
  });
export type ProjectConnection = z.output<typeof ProjectConnection>;

/** One of the developer's own processes, e.g. `{ id: 'celery-worker', command: 'celery -A proj worker' }`. */
export const CommandEntry = z
  .object({
    id: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, ".", "_" or "-"'),
    /** Split like a shell splits words (quotes, backslashes, $VARS), but run without a shell; or an argv. */
    command: z.union([z.string().trim().min(1), z.array(z.string()).min(1)]),
    /** Working directory, relative to the config file; the config's folder when omitted. */
    cwd: z.string().min(1).optional(),
    /** Added to the app's environment. */
    env: z.record(z.string(), z.string()).default({}),
    /** Put before PATH, relative to `cwd` (e.g. `.venv/bin` of a virtualenv). */
    path: z.array(z.string().min(1)).default([]),
    /** Start it when the project is opened. */
    autostart: z.boolean().default(false),
    /** After SIGTERM, how long its process group may take to exit before SIGKILL (Celery waits for tasks). */
    stopGraceMs: z.number().int().min(0).max(600_000).default(10_000),
  })
  .strict();
export type CommandEntry = z.output<typeof CommandEntry>;

/** `queuedesk.config.{ts,js,json}`: what a project tells QueueDesk and `queuedesk worker` / `beat`. */
export const ProjectConfig = z
  .object({
    /** The Redis to use; the CLI's flags or REDIS_URL win over it. The app keeps its own connection. */
    connection: ProjectConnection.optional(),
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
    /** The developer's own processes, run and restarted by the Processes panel (none by `queuedesk worker`). */
    commands: z
      .array(CommandEntry)
      .default([])
      .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'command ids must be unique'),
  })
  .strict();

export type ProjectConfig = z.output<typeof ProjectConfig>;
/** What a config file may say (defaults not applied): handy as the type of `export default`. */
export type ProjectConfigInput = z.input<typeof ProjectConfig>;
