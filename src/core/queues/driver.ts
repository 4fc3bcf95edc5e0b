import type { EngineCapabilities, EngineName } from '../../shared/contract/engines';
import type { TaskList } from '../../shared/contract/processes';
import type {
  CleanableState,
  ControlReply,
  FlowResult,
  FlowStep,
  JobDetail,
  LinkedTask,
  JobEvent,
  JobPage,
  ListableState,
  QueueSummary,
  WorkerSummary,
} from '../../shared/contract/queues';
import type { QueueLimits, SetQueueLimitsInput } from '../../shared/contract/queue-limits';
import type { SchedulerList, SchedulerSummary, UpsertSchedulerInput } from '../../shared/contract/schedulers';
import type { JobState, TaskOptions } from '../../shared/contract/task-model';
import type { TaskStats } from '../../shared/contract/insights';
import type { ConnectedWorker, WorkerPresence } from '../../shared/contract/presence';

/**
 * A caller's own check and record around one send, run with it as one atomic script on the queue's server (for
 * beat: a Celery tick is sent and marked sent in one write). `check` is Lua that may `return` a number to stop
 * before the send; `record` runs after it. They use KEYS[1..keys.length] and ARGV[1..args.length].
 */
export interface GuardedSend {
  check: string;
  record: string;
  keys: string[];
  args: string[];
}

/** A task to enqueue, as every driver takes it. */
export interface TaskSpec {
  task: string;
  args: unknown;
  kwargs?: Record<string, unknown>;
  options?: TaskOptions;
  link?: LinkedTask[];
  linkError?: LinkedTask[];
}

export interface JobQuery {
  state: ListableState;
  offset: number;
  limit: number;
  order: 'newest' | 'oldest';
  search?: string;
}

export interface CopiesPlan {
  count: number;
  batchSize: number;
  onProgress(added: number): void;
}

export interface FlowSpec {
  kind: 'chain' | 'group' | 'chord';
  queue: string;
  steps: FlowStep[];
  callback?: FlowStep;
}

/** What a driver can do; the API answers UNSUPPORTED for the rest instead of faking it. */
export type DriverCapabilities = EngineCapabilities;

/** Receives job events as they happen; the caller batches them for the UI. */
export type JobEventSink = (event: JobEvent) => void;

/**
 * Where a feed starts: now; from the start of what the backend still holds (a queue just discovered); or from a
 * moment of the server's clock (ms), read before the queues were listed, so a job added between that listing and
 * the feed's start is not missed.
 */
export type FeedStart = 'now' | 'start' | { sinceMs: number };

/**
 * One queue backend (BullMQ now, Celery's Redis protocol next) under one key prefix.
 * Returns QueueDesk's DTOs only. Methods on a queue that does not exist throw NOT_FOUND; jobs.add creates it.
 */
/**
 * Finding queues may cost Redis a walk over every key (BullMQ), so a driver may answer from what it knows.
 * `refresh`: the user asked, look afresh now. `poll`: a periodic refresh of a live view, keep it cheap.
 */
export interface ListQueuesOptions {
  refresh?: boolean;
  poll?: boolean;
}

export interface QueueDriver {
  readonly kind: EngineName;
  readonly prefix: string;
  readonly capabilities: DriverCapabilities;

  /** The queues and their counts; see ListQueuesOptions for how fresh the list is. */
  listQueues(options?: ListQueuesOptions): Promise<QueueSummary[]>;
  getQueue(queue: string): Promise<QueueSummary>;
  listWorkers(queue: string): Promise<WorkerSummary[]>;
  pause(queue: string): Promise<void>;
  resume(queue: string): Promise<void>;
  /** Removes jobs in the state older than `olderThanMs`; returns how many. */
  clean(queue: string, state: CleanableState, olderThanMs: number, limit: number): Promise<number>;
  drain(queue: string, includeDelayed: boolean): Promise<void>;
  /** Deletes the queue; returns how many jobs it held. */
  obliterate(queue: string, force: boolean): Promise<number>;

  listJobs(queue: string, query: JobQuery): Promise<JobPage>;
  getJob(queue: string, id: string): Promise<JobDetail>;
  addJob(queue: string, spec: TaskSpec): Promise<string>;
  /** Adds one job inside the guard's script (engines whose queues live on one server); 1 = sent, else the check's reply. */
  addJobGuarded?(queue: string, spec: TaskSpec, guard: GuardedSend): Promise<number>;
  /** Adds copies in batches, calling `onProgress` after each. Returns the ids of the first and last. */
  addCopies(queue: string, spec: TaskSpec, plan: CopiesPlan): Promise<{ firstId: string; lastId: string }>;
  /** Returns the id the retried job now has (Celery re-sends under a new id) and its state. */
  retryJob(queue: string, id: string): Promise<{ id: string; state: JobState }>;
  removeJob(queue: string, id: string): Promise<boolean>;
  promoteJob(queue: string, id: string): Promise<JobState>;
  retryAll(queue: string, state: 'failed' | 'completed'): Promise<number>;
  promoteAll(queue: string): Promise<number>;
  addFlow(flow: FlowSpec): Promise<FlowResult>;
  /** Engines with the `revoke` action. */
  revokeJob?(queue: string, id: string, terminate: boolean, signal: string): Promise<void>;
  /** Engines whose workers take remote control: one worker's pool grows or shrinks by `delta`. */
  resizePool?(queue: string, hostname: string, delta: number): Promise<ControlReply[]>;
  /** Engines whose workers take remote control: a task type's rate limit on the queue's workers. */
  setRateLimit?(queue: string, task: string, rate: string): Promise<ControlReply[]>;
  /** Engines that keep past events: the latest `limit` (of one queue), oldest first. */
  eventHistory?(queue: string | undefined, limit: number): Promise<JobEvent[]>;
  /** Engines with the `schedulers` action: one queue's job schedulers, or every queue's. */
  listSchedulers?(queue?: string): Promise<SchedulerList>;
  upsertScheduler?(spec: UpsertSchedulerInput): Promise<SchedulerSummary>;
  removeScheduler?(queue: string, id: string): Promise<SchedulerSummary>;
  /** One ordinary job from the scheduler's template; returns its id. */
  runScheduler?(queue: string, id: string): Promise<string>;
  /** Engines with the `cancel` action: aborts an active job on the QueueDesk worker running it. */
  cancelJob?(
    queue: string,
    id: string,
    reason: string,
  ): Promise<{ cancelled: boolean; state: JobState; worker?: string }>;
  /** Engines with the `edit` action: changes a job that has not started. */
  updateJob?(
    queue: string,
    id: string,
    patch: { data?: unknown; priority?: number; delayMs?: number },
  ): Promise<void>;
  /** Engines with the `edit` action: appends to a job's log; returns the log's length. */
  addJobLog?(queue: string, id: string, line: string): Promise<number>;
  /** Engines with the `edit` action: frees a deduplication id. */
  removeDeduplication?(queue: string, deduplicationId: string): Promise<boolean>;
  /** Engines that keep finished jobs with their times: per task name statistics over a window. */
  taskStats?(queue: string | undefined, windowMs: number): Promise<TaskStats>;
  /** Engines with the `limits` action: the queue-wide concurrency and rate limit, and whether it is limited now. */
  queueLimits?(queue: string): Promise<QueueLimits>;
  setQueueLimits?(queue: string, patch: QueueLimitsPatch): Promise<QueueLimits>;
  /** Every queue's connected workers and every QueueDesk worker's announcement, on every machine. */
  workersEverywhere?(): Promise<{ workers: ConnectedWorker[]; presences: WorkerPresence[] }>;
  /** Engines with the `tasks` action: the task names their workers have registered. */
  listTasks?(queue?: string): Promise<TaskList>;

  /**
   * Streams job events of these queues to the sink until the returned function is called, from where `from` says
   * (engines on pub/sub have no history and always start now).
   */
  watch(queues: string[], sink: JobEventSink, from?: FeedStart): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** What to change: a field left out stays, null removes that limit. */
export type QueueLimitsPatch = Pick<SetQueueLimitsInput, 'concurrency' | 'rateLimit'>;

/** Makes a driver for one connection and prefix; the conformance suite takes one of these. */
export type QueueDriverFactory = (prefix: string) => QueueDriver;
