import { FlowProducer } from 'bullmq';
import type { AnyRedis } from '../../../connection/any-redis';
import type { SharedOptions } from '../../../connection/client-factory';
import type {
  CleanableState,
  FlowResult,
  JobDetail,
  JobPage,
  QueueSummary,
} from '../../../../shared/contract/queues';
import type { JobState } from '../../../../shared/contract/task-model';
import { ApiError } from '../../../../shared/result';
import type {
  CopiesPlan,
  FlowSpec,
  FeedStart,
  JobEventSink,
  JobQuery,
  ListQueuesOptions,
  QueueDriver,
  QueueLimitsPatch,
  TaskSpec,
} from '../../driver';
import { BULLMQ_CAPABILITIES } from './capabilities';
import { commandConnection } from './connection';
import { countQueues, summarize } from './counts';
import { namesForListing, obliterateOrConflict, watchEach } from '../../driver-steps';
import { summaryRows, totalJobs } from '../../state-counts';
import { readQueueClients } from './clients';
import { discoverQueues, queueExists } from './discovery';
import { QueueFinder } from '../../queue-finder';
import { EventFeed } from './event-feed';
import { addFlow } from './flows';
import { fetchJob, jobDetail } from './job-detail';
import { listJobs } from './job-list';
import { toBullJobOptions } from './options';
import { QueuePool } from './queue-pool';
import { addCopies, retryAll, promoteAll } from './bulk';
import { markRetried } from './retry-mark';
import { queueLimits, setQueueLimits } from './limits';
import type { QueueLimits } from '../../../../shared/contract/queue-limits';
import { listWorkers, workersEverywhere } from './workers';
import { taskStats } from './task-stats';
import type { TaskStats } from '../../../../shared/contract/insights';
import { addLog, cancelJob, updateJob, type JobPatch } from './job-edits';
import { listSchedulers, removeScheduler, runSchedulerNow, upsertScheduler } from './schedulers';
import type {
  SchedulerList,
  SchedulerSummary,
  UpsertSchedulerInput,
} from '../../../../shared/contract/schedulers';

/** QueueDesk's driver for BullMQ's Redis format, built on bullmq's own classes. */
export class BullmqDriver implements QueueDriver {
  readonly kind = 'bullmq' as const;
  readonly capabilities = BULLMQ_CAPABILITIES;
  private readonly redis: AnyRedis;
  private readonly pool: QueuePool;
  private readonly finder: QueueFinder;
  private flowProducer: FlowProducer | null = null;
  /** Every watched queue's events on one blocking connection, made on the first watch. */
  private feed: EventFeed | null = null;

  constructor(
    private readonly options: SharedOptions,
    readonly prefix: string,
  ) {
    this.redis = commandConnection(options);
    this.pool = new QueuePool(prefix, this.redis);
    this.finder = new QueueFinder(this.redis, prefix, { discover: discoverQueues, exists: queueExists });
  }

  async listQueues(options: ListQueuesOptions = {}): Promise<QueueSummary[]> {
    const { names, connected } = await namesForListing(
      this.finder,
      options,
      () => readQueueClients(this.redis, this.prefix),
      (clients) => clients.named,
    );
    const counted = await countQueues(this.redis, this.prefix, names);
    return summaryRows('bullmq', this.prefix, names, counted, connected?.workers ?? null);
  }

  async getQueue(queue: string): Promise<QueueSummary> {
    return summarize(await this.pool.existing(queue), this.prefix);
  }

  async listWorkers(queue: string) {
    return listWorkers(this.redis, await this.pool.existing(queue));
  }

  /** Every worker of every queue under the prefix, and every QueueDesk worker's announcement. */
  async workersEverywhere() {
    return workersEverywhere(this.redis, this.prefix);
  }

  async pause(queue: string): Promise<void> {
    await (await this.pool.existing(queue)).pause();
  }

  async resume(queue: string): Promise<void> {
    await (await this.pool.existing(queue)).resume();
  }

  async clean(queue: string, state: CleanableState, olderThanMs: number, limit: number): Promise<number> {
    const q = await this.pool.existing(queue);
    const paused = await q.isPaused();
    // A paused queue's waiting jobs are reported as "paused" (counts.ts); both live in BullMQ's wait list.
    if ((state === 'paused' && !paused) || (state === 'waiting' && paused)) return 0;
    const type = state === 'paused' || state === 'waiting' ? 'wait' : state;
    return (await q.clean(olderThanMs, limit, type)).length;
  }

  async drain(queue: string, includeDelayed: boolean): Promise<void> {
    await (await this.pool.existing(queue)).drain(includeDelayed);
  }

  async obliterate(queue: string, force: boolean): Promise<number> {
    const q = await this.pool.existing(queue);
    const jobs = totalJobs((await summarize(q, this.prefix)).counts);
    await obliterateOrConflict(() => q.obliterate({ force }));
    await this.pool.forget(queue);
    this.finder.forget(queue);
    return jobs;
  }

  async listJobs(queue: string, query: JobQuery): Promise<JobPage> {
    return listJobs(await this.pool.existing(queue), query);
  }

  async getJob(queue: string, id: string): Promise<JobDetail> {
    return jobDetail(this.pool, await this.pool.existing(queue), id);
  }

  async addJob(queue: string, spec: TaskSpec): Promise<string> {
    const job = await this.pool.get(queue).add(spec.task, spec.args, toBullJobOptions(spec.options));
    this.finder.learn(queue);
    return String(job.id);
  }

  async addCopies(queue: string, spec: TaskSpec, plan: CopiesPlan) {
    const added = await addCopies(this.pool.get(queue), spec, plan);
    this.finder.learn(queue);
    return added;
  }

  async queueLimits(queue: string): Promise<QueueLimits> {
    return queueLimits(await this.pool.existing(queue));
  }

  async setQueueLimits(queue: string, patch: QueueLimitsPatch): Promise<QueueLimits> {
    return setQueueLimits(await this.pool.existing(queue), patch);
  }

  async retryJob(queue: string, id: string): Promise<{ id: string; state: JobState }> {
    const q = await this.pool.existing(queue);
    const job = await fetchJob(q, id);
    const state = await job.getState();
    if (state !== 'failed' && state !== 'completed') {
      throw new ApiError('CONFLICT', `job "${id}" is ${state}; only failed or completed jobs can be retried`);
    }
    // Stamped before the retry so a worker that starts the job at once never sees a start before it.
    const at = Date.now();
    await job.retry(state);
    await markRetried(this.pool.redis, q.toKey(id), at);
    return { id, state: await job.getState() };
  }

  async removeJob(queue: string, id: string): Promise<boolean> {
    const q = await this.pool.existing(queue);
    await fetchJob(q, id);
    const removed = await q.remove(id, { removeChildren: true }).catch((err: unknown) => {
      const scheduler = schedulerOfError(err);
      if (scheduler === null) throw err;
      throw new ApiError(
        'CONFLICT',
        `job "${id}" is the next run of job scheduler "${scheduler}": removing it alone would stop the ` +
          'schedule, so BullMQ refuses; remove the scheduler instead (nothing was changed)',
      );
    });
    if (!removed)
      throw new ApiError('CONFLICT', `job "${id}" is being processed (locked) and cannot be removed`);
    return true;
  }

  async listSchedulers(queue?: string): Promise<SchedulerList> {
    const queues = queue
      ? [await this.pool.existing(queue)]
      : (await this.finder.list()).names.map((name) => this.pool.get(name));
    return {
      schedulers: await listSchedulers(this.redis, this.prefix, queues),
      queuesScanned: queues.length,
    };
  }

  async upsertScheduler(spec: UpsertSchedulerInput): Promise<SchedulerSummary> {
    const summary = await upsertScheduler(this.redis, this.pool.get(spec.queue), spec);
    this.finder.learn(spec.queue);
    return summary;
  }

  async removeScheduler(queue: string, id: string): Promise<SchedulerSummary> {
    return removeScheduler(this.redis, await this.pool.existing(queue), id);
  }

  async runScheduler(queue: string, id: string): Promise<string> {
    return runSchedulerNow(this.redis, await this.pool.existing(queue), id);
  }

  async cancelJob(queue: string, id: string, reason: string) {
    return cancelJob(this.redis, await this.pool.existing(queue), id, reason);
  }

  async updateJob(queue: string, id: string, patch: JobPatch): Promise<void> {
    await updateJob(await this.pool.existing(queue), id, patch);
  }

  async addJobLog(queue: string, id: string, line: string): Promise<number> {
    return addLog(await this.pool.existing(queue), id, line);
  }

  async removeDeduplication(queue: string, deduplicationId: string): Promise<boolean> {
    return (await (await this.pool.existing(queue)).removeDeduplicationKey(deduplicationId)) > 0;
  }

  async taskStats(queue: string | undefined, windowMs: number): Promise<TaskStats> {
    const names = queue ? [(await this.pool.existing(queue)).name] : (await this.finder.list()).names;
    return taskStats(this.redis, this.prefix, names, windowMs);
  }

  async promoteJob(queue: string, id: string): Promise<JobState> {
    const job = await fetchJob(await this.pool.existing(queue), id);
    const state = await job.getState();
    if (state !== 'delayed')
      throw new ApiError('CONFLICT', `job "${id}" is ${state}; only delayed jobs can be promoted`);
    await job.promote();
    return job.getState();
  }

  async retryAll(queue: string, state: 'failed' | 'completed'): Promise<number> {
    return retryAll(await this.pool.existing(queue), state);
  }

  async promoteAll(queue: string): Promise<number> {
    return promoteAll(await this.pool.existing(queue));
  }

  async addFlow(flow: FlowSpec): Promise<FlowResult> {
    this.flowProducer ??= new FlowProducer({ connection: this.redis, prefix: this.prefix });
    const result = await addFlow(this.flowProducer, flow, this.prefix);
    for (const job of result.jobs) this.finder.learn(job.queue);
    return result;
  }

  async watch(queues: string[], sink: JobEventSink, from: FeedStart = 'now'): Promise<() => Promise<void>> {
    this.feed ??= new EventFeed(this.options, this.redis, this.prefix);
    const feed = this.feed;
    return watchEach(queues, (q) => feed.add(q, sink, from));
  }

  async close(): Promise<void> {
    this.finder.stop();
    await this.feed?.close();
    await this.flowProducer?.close();
    await this.pool.close();
    this.redis.disconnect();
  }
}

/** BullMQ refuses to remove a scheduler's pending job ("belongs to a job scheduler"); the id names it. */
function schedulerOfError(err: unknown): string | null {
  const message = err instanceof Error ? err.message : '';
  if (!/belongs to a job scheduler/.test(message)) return null;
  return /Job repeat:(.+):\d+ belongs/.exec(message)?.[1] ?? '?';
}
