import { MetricsTime, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { createAnyClient } from '../connection/client-factory';
import type { AnyRedis } from '../connection/any-redis';
import { checkClusterPrefix } from '../queues/cluster-prefix';
import type { CurrentJob } from '../../shared/contract';
import type { ChildLogLine, WorkerSpec } from '../processes/messages';
import { TaskRegistry } from '../tasks/registry';
import { listenForCancels, type CancelRequest } from './cancel-channel';
import { announce, machineName, type Announcement } from './presence';
import { watchTaskModule } from './module-watcher';
import { makeProcessor } from './processor';

const REPEAT_ERROR_MS = 60_000;

export type LogSink = (line: ChildLogLine) => void;

/**
 * One worker process's engine: a BullMQ Worker per queue sharing one task registry. Used by the forked worker
 * process (src/core/worker/main.ts) and in-process by `queuedesk worker`.
 */
export class WorkerRuntime {
  readonly registry: TaskRegistry;
  private workers: Worker[] = [];
  private redis: AnyRedis | null = null;
  /** Each BullMQ Worker's own Cluster client on a cluster (BullMQ cannot build one from options). */
  private clusterClients: AnyRedis[] = [];
  private readonly current = new Map<string, CurrentJob>();
  private stopWatching: () => void = () => undefined;
  private stopCancels: () => void = () => undefined;
  private announcement: Announcement | null = null;
  private readonly startedAt = Date.now();
  private closing: Promise<void> | null = null;
  private lastError = { line: '', at: 0 };
  completed = 0;
  failed = 0;

  constructor(
    private readonly spec: WorkerSpec,
    private readonly log: LogSink,
  ) {
    this.registry = new TaskRegistry(spec.taskModule);
  }

  async start(): Promise<void> {
    // The host refuses this before forking; a project reopened with another prefix reaches here instead.
    checkClusterPrefix(this.spec.connection, this.spec.prefix);
    const loadError = await this.registry.load();
    if (loadError) this.log({ ts: Date.now(), level: 'error', line: `task module: ${loadError}` });
    this.redis = createAnyClient(this.spec.connection, 'blocking');
    this.redis.on('error', () => undefined);
    const processor = makeProcessor(
      this.registry,
      { redis: this.redis },
      {
        log: (job, line) =>
          this.log({ ts: Date.now(), level: 'info', line, jobId: job.id, queue: job.queueName }),
      },
    );
    for (const queue of this.spec.queues) {
      const worker = new Worker(queue, processor, {
        connection: this.bullConnection(),
        prefix: this.spec.prefix,
        concurrency: this.spec.concurrency,
        // Named so `queues.list` (Queue.getWorkers) shows which QueueDesk process consumes the queue.
        name: `queuedesk-${this.spec.id}`,
        // Passing undefined would override BullMQ's defaults.
        ...(this.spec.lockDurationMs ? { lockDuration: this.spec.lockDurationMs } : {}),
        ...(this.spec.stalledIntervalMs ? { stalledInterval: this.spec.stalledIntervalMs } : {}),
        // A crash (kill -9) mid-job leaves it stalled once; two more crashes on the same job are a poison pill.
        maxStalledCount: 3,
        // BullMQ's per-minute counts in Redis count every job, also those removed on completion; a week of
        // minutes is ~10k list entries per state at most.
        metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
      });
      this.track(worker);
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()));
    this.stopCancels = await listenForCancels(this.redis, (request) => this.cancel(request));
    // One runtime per queue in `queuedesk worker` shares the process id: the queues tell them apart.
    const redis = this.redis;
    this.announcement = announce(redis, `${this.spec.id}:${this.spec.queues.join(',')}`, () => ({
      workerName: `queuedesk-${this.spec.id}`,
      host: machineName(),
      pid: process.pid,
      via: this.spec.id.startsWith('cli-') ? 'cli' : 'app',
      prefix: this.spec.prefix,
      queues: this.spec.queues,
      concurrency: this.workers[0]?.concurrency ?? this.spec.concurrency,
      ...this.snapshot(),
      startedAt: this.startedAt,
      heartbeatAt: Date.now(),
    }));
    if (this.spec.taskModule)
      this.stopWatching = watchTaskModule(this.spec.taskModule, () => void this.reload());
    const n = this.registry.list().tasks.length;
    this.info(`consuming ${this.spec.queues.join(', ')} (concurrency ${this.spec.concurrency}, ${n} tasks)`);
  }

  /** Swaps in the edited task module; running jobs finish with the handler they started with. */
  async reload(): Promise<void> {
    const error = await this.registry.load();
    if (error) this.log({ ts: Date.now(), level: 'error', line: `task module not reloaded: ${error}` });
    else this.info(`task module reloaded (${this.registry.list().tasks.length} tasks)`);
  }

  setConcurrency(concurrency: number): void {
    for (const w of this.workers) w.concurrency = concurrency;
    this.info(`concurrency set to ${concurrency}`);
  }

  /** Whether Redis answers (a drain cannot finish without it). */
  connected(): boolean {
    return this.redis?.status === 'ready';
  }

  snapshot(): { currentJobs: CurrentJob[]; completed: number; failed: number } {
    return { currentJobs: [...this.current.values()], completed: this.completed, failed: this.failed };
  }

  /** Stops taking jobs and waits for the running ones (`force` aborts them instead). */
  close(force = false): Promise<void> {
    this.closing ??= (async () => {
      this.stopWatching();
      this.stopCancels();
      await this.announcement?.stop();
      this.info(force ? 'stopping now' : `draining ${this.current.size} running jobs`);
      await Promise.all(this.workers.map((w) => w.close(force)));
      for (const c of this.clusterClients) c.disconnect();
      this.redis?.disconnect();
    })();
    return this.closing;
  }

  /** What a BullMQ Worker connects with: the options on one server, a Cluster client of its own on a cluster. */
  private bullConnection(): ConnectionOptions {
    if (this.spec.connection.clusterNodes) {
      const cluster = createAnyClient(this.spec.connection, 'blocking');
      cluster.on('error', () => undefined); // the Worker reports Redis trouble
      this.clusterClients.push(cluster);
      return cluster;
    }
    // ioredis' option type is stricter than BullMQ's copy of it; the values are the same.
    return { ...this.spec.connection, maxRetriesPerRequest: null } as ConnectionOptions;
  }

  /** A `jobs.cancel` request: acted on by the worker holding the job, ignored by every other. */
  private cancel(request: CancelRequest): void {
    const prefix = this.spec.prefix;
    const db = this.spec.connection.clusterNodes ? 0 : (this.spec.connection.db ?? 0);
    if (request.db !== db || request.prefix !== prefix || !this.spec.queues.includes(request.queue)) return;
    const worker = this.workers.find((w) => w.name === request.queue);
    if (worker?.cancelJob(request.id, request.reason))
      this.log({
        ts: Date.now(),
        level: 'info',
        line: `cancelling: ${request.reason}`,
        jobId: request.id,
        queue: request.queue,
      });
  }

  private track(worker: Worker): void {
    const key = (job: Job): string => `${job.queueName}\u0000${job.id}`;
    worker.on('active', (job) => {
      this.announcement?.touch();
      this.current.set(key(job), {
        queue: job.queueName,
        id: job.id ?? '',
        task: job.name,
        startedAt: Date.now(),
      });
    });
    worker.on('progress', (job, progress) => {
      const current = this.current.get(key(job));
      if (current) current.progress = progress;
    });
    worker.on('completed', (job) => {
      this.announcement?.touch();
      this.current.delete(key(job));
      this.completed++;
    });
    worker.on('failed', (job, err) => {
      if (!job) return;
      this.current.delete(key(job));
      this.failed++;
      const line = `${job.name} #${job.id} failed (attempt ${job.attemptsMade}): ${err.message}`;
      this.log({ ts: Date.now(), level: 'warn', line, jobId: job.id, queue: job.queueName });
    });
    worker.on('error', (err) => this.logError(`worker: ${err.message}`));
  }

  /** While Redis is away BullMQ repeats the same error several times a second: log each reason once a minute. */
  private logError(line: string): void {
    const now = Date.now();
    if (line === this.lastError.line && now - this.lastError.at < REPEAT_ERROR_MS) return;
    this.lastError = { line, at: now };
    this.log({ ts: now, level: 'error', line });
  }

  private info(line: string): void {
    this.log({ ts: Date.now(), level: 'info', line });
  }
}
