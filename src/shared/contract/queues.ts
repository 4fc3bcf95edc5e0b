import { z } from 'zod';
import { type } from './define';
import { EngineField, EngineName, type EngineCapabilities } from './engines';
import { JobState, JsonValue, QueueName, TaskName, TaskOptions } from './task-model';

/** Key prefix the queues live under (BullMQ's `prefix`); `bull` unless the app chose another. */
export const QueuePrefix = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^\s*?[\]]+$/, 'a prefix cannot contain spaces or glob characters')
  .default('bull');

/** States a job list can show (every state but "unknown"). */
export const ListableState = JobState.exclude(['unknown']);
export type ListableState = z.infer<typeof ListableState>;

/** States `queues.clean` can empty (BullMQ cannot clean waiting-children). */
export const CleanableState = z.enum([
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'paused',
  'completed',
  'failed',
]);
export type CleanableState = z.infer<typeof CleanableState>;

export const QueueRef = z.object({ queue: QueueName, prefix: QueuePrefix, engine: EngineField }).strict();
export const JobId = z.string().min(1).max(512);
export const JobRef = z
  .object({ queue: QueueName, id: JobId, prefix: QueuePrefix, engine: EngineField })
  .strict();

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

/**
 * chain: steps run one after another, each gets the previous result (`ctx.previous`).
 * group: steps run in parallel. chord: the group, then `callback` with all results (`ctx.childResults`).
 */
export const AddFlowInput = z
  .object({
    queue: QueueName,
    prefix: QueuePrefix,
    engine: EngineField,
    kind: z.enum(['chain', 'group', 'chord']),
    steps: z.array(FlowStep).min(1).max(1000),
    callback: FlowStep.optional(),
  })
  .strict()
  .refine((f) => (f.kind === 'chord') === (f.callback !== undefined), {
    message: 'a chord needs a callback, and only a chord has one',
    path: ['callback'],
  });
export type AddFlowInput = z.output<typeof AddFlowInput>;

export const ListJobsInput = z
  .object({
    queue: QueueName,
    prefix: QueuePrefix,
    engine: EngineField,
    state: ListableState,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(50),
    order: z.enum(['newest', 'oldest']).default('newest'),
    /** Case-insensitive substring of the id, the task name or the JSON args. */
    search: z.string().max(500).optional(),
  })
  .strict();
export type ListJobsInput = z.output<typeof ListJobsInput>;

export const CleanInput = z
  .object({
    queue: QueueName,
    prefix: QueuePrefix,
    engine: EngineField,
    state: CleanableState,
    /** Only jobs older than this are removed. */
    olderThanMs: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1_000_000).default(100_000),
  })
  .strict();

/** Jobs per state; null where the engine cannot know (Celery keeps no per-queue record of finished tasks). */
export interface QueueCounts {
  waiting: number | null;
  active: number | null;
  delayed: number | null;
  prioritized: number | null;
  waitingChildren: number | null;
  completed: number | null;
  failed: number | null;
  paused: number | null;
}

export interface QueueSummary {
  name: string;
  prefix: string;
  engine: EngineName;
  counts: QueueCounts;
  paused: boolean;
  /** Workers connected to this queue now; null when the driver cannot tell. */
  workers: number | null;
  /** Waiting messages per priority level (Celery's kombu priority lists), highest first. */
  levels?: Array<{ priority: number; waiting: number }>;
}

export interface WorkerSummary {
  name: string;
  addr: string;
  ageSec: number;
  idleSec: number;
  /** From Celery remote control (stats, active) and heartbeats; absent for BullMQ. */
  hostname?: string;
  pid?: number | null;
  pool?: string | null;
  concurrency?: number | null;
  processed?: number | null;
  active?: number | null;
  /** Epoch ms of the last heartbeat seen; null when none was seen yet. */
  lastHeartbeat?: number | null;
  /** BullMQ: one of QueueDesk's own workers (then with host, pid… from its announcement), not another app's. */
  queuedesk?: boolean;
}

export interface JobTimestamps {
  /** null where the engine records no creation time (a Celery message carries none). */
  created: number | null;
  processed?: number;
  finished?: number;
  /** When a delayed job becomes due. */
  due?: number;
  /** When the job was last retried by hand (its latest enqueue); only `jobs.get` reads it. */
  retried?: number;
}

/** A row of `jobs.list`: enough for a table, args cut short. */
export interface JobSummary {
  id: string;
  queue: string;
  task: string;
  state: JobState;
  /** The JSON args, cut to 300 characters. */
  argsPreview: string;
  attemptsMade: number;
  /** null where attempts are decided inside the task (Celery's max_retries). */
  maxAttempts: number | null;
  progress: unknown;
  failedReason?: string;
  timestamps: JobTimestamps;
  /** The job scheduler whose run this job is (BullMQ); it cannot be removed on its own. */
  scheduler?: string;
}

export interface JobRefDto {
  queue: string;
  id: string;
}

export interface JobChild extends JobRefDto {
  state: JobState;
  task?: string;
  returnValue?: unknown;
  failedReason?: string;
}

/** What a Celery task message and its result say beyond the neutral fields. */
export interface CeleryJobInfo {
  /** PENDING (waiting, no result yet), RECEIVED, STARTED, SUCCESS, FAILURE, RETRY, REVOKED. */
  status: string;
  kwargs: Record<string, unknown>;
  eta: string | null;
  expires: string | null;
  retries: number;
  priority: number | null;
  parentId: string | null;
  rootId: string | null;
  groupId: string | null;
  /** The tasks still to run after this one, in order. */
  chain: Array<{ task: string; id: string | null }>;
  chord: { task: string; id: string | null } | null;
  callbacks: string[];
  errbacks: string[];
  timeLimit: { hard: number | null; soft: number | null };
  exception: { type: string; message: string; module: string | null } | null;
  traceback: string | null;
  dateDone: string | null;
  /** Reserved by a worker (kombu's unacked hash): since when, and seconds left of the visibility timeout. */
  reserved: { sinceMs: number; visibilityLeftSec: number } | null;
  /** Chord progress when this task is in a chord's header: header tasks done of how many. */
  chordProgress: { done: number; size: number } | null;
  /** Progress of a saved group (GroupResult.save(), or a group QueueDesk sent): members finished, failed, all. */
  groupProgress: { done: number; failed: number; size: number } | null;
}

export interface JobDetail extends Omit<JobSummary, 'argsPreview'> {
  args: unknown;
  /** The options as the driver stored them (BullMQ's job options). */
  options: Record<string, unknown>;
  /** The same as task options, for "edit and add again". */
  taskOptions: TaskOptions;
  priority: number;
  returnValue: unknown;
  stacktrace: string[];
  logs: string[];
  logCount: number;
  parent?: JobRefDto;
  children: JobChild[];
  /** Expiry deadline (epoch ms) from `TaskOptions.expiresMs`. */
  expiresAt?: number;
  /** The deduplication id it was added with (BullMQ): adds with the same id are ignored while it holds it. */
  deduplicationId?: string;
  engine?: EngineName;
  celery?: CeleryJobInfo;
}

export interface JobPage {
  jobs: JobSummary[];
  /** Jobs in the state; with a search, the matches found among the ones scanned. */
  total: number;
  /** With a search: whether scanning stopped at its cap before the end of the state. */
  truncated?: boolean;
}

export interface FlowResult {
  /** The job that runs last (chain's last step, chord's callback); absent for a group. */
  rootId?: string;
  jobs: Array<JobRefDto & { task: string }>;
}

/** A change in one job's life, as `queues.events` carries it. */
export interface JobEvent {
  queue: string;
  prefix: string;
  id: string;
  /** The state entered, or `removed` / `progress` / `stalled`. */
  kind: JobState | 'removed' | 'progress' | 'stalled';
  ts: number;
  /** The task name, where the event carries it (Celery: task-sent and task-received). */
  task?: string;
  failedReason?: string;
  /** Left out when over ~2 KB; jobs.get has it. */
  returnValue?: unknown;
  progress?: unknown;
}

/** One worker's answer to a remote-control act (pool resize, rate limit). */
export interface ControlReply {
  hostname: string;
  ok: boolean;
  message: string;
}

/** Celery's rate syntax: tasks per second, minute or hour ("10/m"); "0" lifts the limit. */
const TaskRate = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,6})?(\/[smh])?$/, 'a rate is a number of tasks, optionally per s, m or h: "10/m"');

export const queuesMethods = {
  /** Every queue under the prefix, with counts; also starts the live `queues.events` / `queues.counts` feed. */
  'queues.list': {
    /** `refresh`: look for queues afresh now (a full SCAN); otherwise a big keyspace is answered from the cache. */
    input: z
      .object({ prefix: QueuePrefix, engine: EngineName.optional(), refresh: z.boolean().optional() })
      .strict(),
    output: type<QueueSummary[]>(),
  },
  /** Every engine with what it can do and know. */
  'queues.engines': { input: z.object({}).strict(), output: type<EngineCapabilities[]>() },
  'queues.workers': { input: QueueRef, output: type<WorkerSummary[]>() },
  /** Grows (delta > 0) or shrinks one worker's pool in place, by remote control; answers with its reply. */
  'workers.poolResize': {
    input: QueueRef.extend({
      hostname: z.string().min(1).max(255),
      delta: z
        .number()
        .int()
        .min(-100)
        .max(100)
        .refine((d) => d !== 0, 'delta cannot be 0'),
    }).strict(),
    output: type<{ replies: ControlReply[] }>(),
  },
  /** Sets a task type's rate limit on the workers of a queue; answers with their replies. */
  'tasks.rateLimit': {
    input: QueueRef.extend({ task: TaskName, rate: TaskRate }).strict(),
    output: type<{ replies: ControlReply[] }>(),
  },
  'queues.pause': { input: QueueRef, output: type<QueueSummary>() },
  'queues.resume': { input: QueueRef, output: type<QueueSummary>() },
  'queues.clean': { input: CleanInput, output: type<{ removed: number }>() },
  /** Removes waiting (and with `delayed`, delayed) jobs; active and finished ones stay. */
  'queues.drain': {
    input: QueueRef.extend({ delayed: z.boolean().default(false) }).strict(),
    output: type<QueueSummary>(),
  },
  /**
   * Deletes the queue and every job in it; `force` also when jobs are active. A queue holding jobs needs `confirm`
   * equal to its job count (the sum of its counts).
   */
  'queues.obliterate': {
    input: QueueRef.extend({
      force: z.boolean().default(false),
      confirm: z.number().int().min(0).optional(),
    }).strict(),
    output: type<{ removedJobs: number }>(),
  },
  /**
   * Job events the engine kept (Celery: the last 10 000 its workers sent, stored in Redis), oldest first, so a
   * viewer started after the tasks ran still sees their recent states.
   */
  'queues.eventHistory': {
    input: z
      .object({
        prefix: QueuePrefix,
        engine: EngineField,
        queue: QueueName.optional(),
        limit: z.number().int().min(1).max(10_000).default(200),
      })
      .strict(),
    output: type<{ events: JobEvent[] }>(),
  },
  'jobs.list': { input: ListJobsInput, output: type<JobPage>() },
  'jobs.get': { input: JobRef, output: type<JobDetail>() },
  'jobs.add': { input: AddJobInput, output: type<{ id: string }>() },
  /** `count` copies via bulk adds, reporting `jobs.addProgress`; a jobId gets `-1`, `-2`… appended. */
  'jobs.addCopies': {
    input: AddCopiesInput,
    output: type<{ added: number; firstId: string; lastId: string; elapsedMs: number }>(),
  },
  /** A failed (or completed) job back to waiting. */
  'jobs.retry': { input: JobRef, output: type<{ id: string; state: JobState }>() },
  'jobs.remove': { input: JobRef, output: type<{ removed: boolean }>() },
  /** A delayed job to waiting now. */
  'jobs.promote': { input: JobRef, output: type<{ id: string; state: JobState }>() },
  'jobs.retryAll': {
    input: QueueRef.extend({ state: z.enum(['failed', 'completed']).default('failed') }).strict(),
    output: type<{ retried: number }>(),
  },
  'jobs.promoteAll': { input: QueueRef, output: type<{ promoted: number }>() },
  'flows.add': { input: AddFlowInput, output: type<FlowResult>() },
  /** Stops a task: a waiting one is discarded when a worker gets it; `terminate` also kills a running one. */
  'jobs.revoke': {
    input: JobRef.extend({
      terminate: z.boolean().default(false),
      signal: z.enum(['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGUSR1']).default('SIGTERM'),
    }).strict(),
    output: type<{ id: string; revoked: true }>(),
  },
};

export const queuesEvents = {
  /** Job state changes, batched every ~200 ms; `dropped` counts events cut by the per-batch cap. */
  'queues.events': type<{ events: JobEvent[]; dropped: number }>(),
  /** Counts of every watched queue, sent when they change (at most about once a second). */
  /** `engine` says whose rows these are: a client replaces that engine's rows only. */
  'queues.counts': type<{ prefix: string; engine?: EngineName; queues: QueueSummary[] }>(),
  'jobs.addProgress': type<{ opId?: string; queue: string; added: number; total: number }>(),
};
