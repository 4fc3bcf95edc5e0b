import { z } from 'zod';
import { type } from './define';
import { EngineName } from './engines';
import { JsonValue, QueueName, TaskName, TaskOptions } from './task-model';

const Empty = z.object({}).strict();
const ProcessId = z.string().min(1).max(100);

// ---- tasks -------------------------------------------------------------------------------------------------

export interface TaskInfo {
  name: string;
  /** Built into QueueDesk, or exported by the project's task module. */
  source: 'builtin' | 'module' | 'worker';
  /** For `source: "worker"`: the Celery workers that registered it. */
  workers?: string[];
  description?: string;
  /** JSON Schema of the args, when known (built-ins); for the editor's autocomplete. */
  argsSchema?: unknown;
  /** An example args value to pre-fill the editor with. */
  example?: unknown;
}

export interface TaskList {
  tasks: TaskInfo[];
  /** Absolute path of the loaded task module, if any. */
  module: string | null;
  /** Why the module could not be loaded (the built-ins still work). */
  moduleError?: string;
}

// ---- project config -----------------------------------------------------------------------------------------

export interface ProjectInfo {
  /** Absolute path of the queuedesk.config.{ts,js,json} in use, or null when none is open. */
  configPath: string | null;
  taskModule: string | null;
  prefix: string;
  queues: Array<{ name: string; concurrency: number }>;
  /** Ids of the schedules the config declares (upserted into beat when opened). */
  schedules: string[];
  /** Ids of the commands the config declares (see `commands.list`). */
  commands: string[];
}

// ---- processes: workers and beat ------------------------------------------------------------------------------

/** `command`: one of the developer's own commands from the project config (e.g. a Celery worker). */
export type ProcessKind = 'worker' | 'beat' | 'command';
/** `crashed` = exited unexpectedly and waiting for its restart (see `restartAt`). */
export type ProcessState = 'starting' | 'running' | 'stopping' | 'stopped' | 'crashed';

export interface CurrentJob {
  queue: string;
  id: string;
  task: string;
  startedAt: number;
  progress?: unknown;
}

export interface ProcessInfo {
  id: string;
  kind: ProcessKind;
  state: ProcessState;
  pid: number | null;
  /** Worker: the queues it consumes; beat: empty. */
  queues: string[];
  /** Worker: jobs run at once per queue. */
  concurrency: number;
  startedAt: number | null;
  /** Times it was restarted after a crash. */
  restarts: number;
  /** When the next restart happens, while `crashed`. */
  restartAt?: number;
  lastExit?: { code: number | null; signal: string | null; at: number };
  lastHeartbeatAt: number | null;
  /** Worker: jobs running now. */
  currentJobs: CurrentJob[];
  /** Worker: jobs finished by this process since it started (all restarts). */
  completed: number;
  failed: number;
  /** Beat: whether this process holds the leader lock. */
  leader?: boolean;
  /** Command: what runs (argv as split, no shell) and where. */
  command?: { argv: string[]; cwd: string };
}

export type LogLevel = 'info' | 'warn' | 'error';

export interface ProcessLogLine {
  processId: string;
  ts: number;
  level: LogLevel;
  line: string;
  jobId?: string;
  queue?: string;
  /** Command: the stream the line came from. */
  stream?: 'stdout' | 'stderr';
}

// ---- beat ------------------------------------------------------------------------------------------------------

export const TimeZone = z
  .string()
  .min(1)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'unknown time zone' },
  );

/** When a schedule fires. Cron expressions are checked by the beat handlers (cron maths live in core). */
export const Trigger = z.union([
  z
    .object({
      every: z
        .number()
        .int()
        .min(100, 'every must be at least 100 ms')
        .max(366 * 24 * 3600_000),
    })
    .strict(),
  z.object({ cron: z.string().trim().min(1), tz: TimeZone.optional() }).strict(),
  z.object({ at: z.iso.datetime({ offset: true }) }).strict(),
]);
export type Trigger = z.infer<typeof Trigger>;

/** Schedules make their own job id per tick (so a tick is never enqueued twice). */
const ScheduleOptions = TaskOptions.refine((o) => o.jobId === undefined, {
  message: 'a schedule makes its own job ids; leave jobId out',
  path: ['jobId'],
});

const ScheduleKwargs = z.record(z.string(), JsonValue);

export const ScheduleId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.-]+$/, 'use letters, digits, ".", "_" or "-"');

export const ScheduleInput = z
  .object({
    /** Chosen by the caller (config files do); generated when omitted. */
    id: ScheduleId.optional(),
    task: TaskName,
    queue: QueueName,
    /** The engine of `queue`; BullMQ when omitted (a BullMQ and a Celery queue may share a name). */
    engine: EngineName.optional(),
    args: JsonValue.optional(),
    /** Keyword arguments (Celery); BullMQ answers UNSUPPORTED. Null: none (clears them in an update). */
    kwargs: ScheduleKwargs.nullable().optional(),
    options: ScheduleOptions.optional(),
    trigger: Trigger,
    enabled: z.boolean().optional(),
  })
  .strict();
export type ScheduleInput = z.infer<typeof ScheduleInput>;

export const ScheduleUpdate = z
  .object({
    id: ScheduleId,
    task: TaskName.optional(),
    queue: QueueName.optional(),
    engine: EngineName.optional(),
    args: JsonValue.optional(),
    kwargs: ScheduleKwargs.nullable().optional(),
    options: ScheduleOptions.optional(),
    trigger: Trigger.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export interface Schedule {
  id: string;
  task: string;
  queue: string;
  /** The engine the ticks are sent through (schedules stored before engines existed are BullMQ's). */
  engine: EngineName;
  args: unknown;
  /** Celery keyword arguments; null when none. */
  kwargs: Record<string, unknown> | null;
  options: TaskOptions;
  trigger: Trigger;
  enabled: boolean;
  /** Epoch ms; null when it never ran / will not run again (a past `at`, or disabled). */
  lastRunAt: number | null;
  nextRunAt: number | null;
  runCount: number;
  /** Who made it: the API (UI, scripts) or a project config file. */
  source: 'api' | 'config';
  createdAt: number;
  updatedAt: number;
}

// ---- methods and events -----------------------------------------------------------------------------------------

export const processesMethods = {
  /** QueueDesk's task registry; with `engine: "celery"`, the names Celery workers registered (of `queue`). */
  'tasks.list': {
    input: z.object({ engine: EngineName.optional(), queue: QueueName.optional() }).strict(),
    output: type<TaskList>(),
  },

  'project.open': {
    input: z.object({ configPath: z.string().min(1) }).strict(),
    output: type<ProjectInfo>(),
  },
  'project.get': { input: Empty, output: type<ProjectInfo>() },
  'project.close': { input: Empty, output: type<ProjectInfo>() },

  'processes.list': { input: Empty, output: type<ProcessInfo[]>() },
  'processes.logs': {
    input: z
      .object({ processId: ProcessId.optional(), limit: z.number().int().min(1).max(5000).optional() })
      .strict(),
    output: type<ProcessLogLine[]>(),
  },
  'processes.restart': { input: z.object({ id: ProcessId }).strict(), output: type<ProcessInfo>() },

  'workers.list': { input: Empty, output: type<ProcessInfo[]>() },
  'workers.start': {
    input: z
      .object({
        queues: z.array(QueueName).min(1, 'give at least one queue').max(100),
        concurrency: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    output: type<ProcessInfo>(),
  },
  'workers.stop': { input: z.object({ id: ProcessId }).strict(), output: type<ProcessInfo>() },
  /** Changes a running worker's concurrency in place (no restart, running jobs keep going). */
  'workers.scale': {
    input: z.object({ id: ProcessId, concurrency: z.number().int().min(1).max(1000) }).strict(),
    output: type<ProcessInfo>(),
  },

  /** The project config's own commands (kind `command`), whether running or not. */
  'commands.list': { input: Empty, output: type<ProcessInfo[]>() },
  /** Starts a configured command; resolves once it is spawned (it is then `running`). */
  'commands.start': { input: z.object({ id: ProcessId }).strict(), output: type<ProcessInfo>() },
  /** SIGTERM to its process group, SIGKILL after the grace; it stays listed as stopped. */
  'commands.stop': { input: z.object({ id: ProcessId }).strict(), output: type<ProcessInfo>() },
  'commands.restart': { input: z.object({ id: ProcessId }).strict(), output: type<ProcessInfo>() },

  'beat.start': { input: Empty, output: type<ProcessInfo>() },
  'beat.stop': { input: Empty, output: type<ProcessInfo>() },
  'beat.list': { input: Empty, output: type<Schedule[]>() },
  'beat.add': { input: ScheduleInput, output: type<Schedule>() },
  'beat.update': { input: ScheduleUpdate, output: type<Schedule>() },
  /** Moves the schedule to the trash (kept 7 days in Redis) and returns it, so `beat.restore` can undo. */
  'beat.remove': {
    input: z.object({ id: ScheduleId }).strict(),
    output: type<{ removed: boolean; schedule?: Schedule }>(),
  },
  /** Puts a removed schedule back from the trash, its timing started over from now. */
  'beat.restore': { input: z.object({ id: ScheduleId }).strict(), output: type<Schedule>() },
  'beat.enable': {
    input: z.object({ id: ScheduleId, enabled: z.boolean() }).strict(),
    output: type<Schedule>(),
  },
  /** The next fire times (epoch ms) of a trigger, from now or from `from`. */
  'beat.preview': {
    input: z
      .object({
        trigger: Trigger,
        count: z.number().int().min(1).max(50).optional(),
        from: z.number().int().min(0).optional(),
      })
      .strict(),
    output: type<{ times: number[] }>(),
  },
};

export const processesEvents = {
  /** The project's task module was edited and reloaded (for the editor's autocomplete). */
  'tasks.changed': type<TaskList>(),
  /** Every process, whole list; batched (at most ~5 a second). */
  'processes.changed': type<ProcessInfo[]>(),
  /** Log lines of workers, beat and commands, batched; `dropped` counts lines left out of this batch at high rates. */
  'processes.log': type<{ lines: ProcessLogLine[]; dropped: number }>(),
  /** Schedules changed (added, edited, fired); the whole list, batched. */
  'beat.changed': type<Schedule[]>(),
  /** Something the user must know that no call of theirs returned (e.g. processes stopped by a switch). */
  'processes.notice': type<{ level: 'info' | 'warn'; text: string }>(),
};
