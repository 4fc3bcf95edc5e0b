import type { Redis, RedisOptions } from 'ioredis';
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
  JobEventSink,
  JobQuery,
  ListQueuesOptions,
  QueueDriver,
  TaskSpec,
} from '../../driver';
import { addInBatches } from '../../batched-copies';
import { namesForListing, obliterateOrConflict, watchEach } from '../../driver-steps';
import { summaryRows, totalJobs } from '../../state-counts';
import { BULL_CAPABILITIES } from './capabilities';
import { bullCommandConnection } from './connection';
import { bullQueueExists, countBullQueues, discoverBullQueues } from './discovery';
import { QueueFinder } from '../../queue-finder';
import { watchBullQueue } from './events';
import { toJobDetail } from './job-dto';
import { cleanDelayed, fetchBullJob, jobWithState, listBullJobs } from './jobs';
import { toBullOptions } from './options';
import { BullQueuePool } from './queue-pool';
import { listBullWorkers, readBullWorkers } from './workers';

/** Bull's clean takes jobs older than now − grace: a negative grace takes every job, even one added this ms. */
const EVERY_JOB = -24 * 3600 * 1000;

type RetryingQueue = { retryJobs(opts: { count: number }): Promise<void> };

/** QueueDesk's driver for legacy Bull (v4) queues, built on the `bull` package's own Queue and Job. */
export class BullDriver implements QueueDriver {
  readonly kind = 'bull' as const;
  readonly capabilities = BULL_CAPABILITIES;
  private readonly redis: Redis;
  private readonly pool: BullQueuePool;
  private readonly finder: QueueFinder;

  constructor(
    options: RedisOptions,
    readonly prefix: string,
  ) {
    this.redis = bullCommandConnection(options);
    this.pool = new BullQueuePool(prefix, this.redis, options);
    this.finder = new QueueFinder(this.redis, prefix, {
      discover: discoverBullQueues,
      exists: bullQueueExists,
    });
  }

  async listQueues(options: ListQueuesOptions = {}): Promise<QueueSummary[]> {
    const { names, connected } = await namesForListing(
      this.finder,
      options,
      () => readBullWorkers(this.redis, this.prefix),
      (workers) => workers.keys(),
    );
    return this.summaries(names, connected);
  }

  private async summaries(names: string[], workers?: Map<string, number> | null): Promise<QueueSummary[]> {
    const [counted, clients] = await Promise.all([
      countBullQueues(this.redis, this.prefix, names),
      workers === undefined ? readBullWorkers(this.redis, this.prefix) : workers,
    ]);
    return summaryRows('bull', this.prefix, names, counted, clients);
  }

  private async existing(queue: string) {
    return this.pool.existing(queue);
  }

  async getQueue(queue: string): Promise<QueueSummary> {
    await this.existing(queue);
    const [summary] = await this.summaries([queue]);
    return summary!;
  }

  async listWorkers(queue: string) {
    return listBullWorkers(await this.existing(queue));
  }

  async pause(queue: string): Promise<void> {
    await (await this.existing(queue)).pause();
  }

  async resume(queue: string): Promise<void> {
    await (await this.existing(queue)).resume();
  }

  async clean(queue: string, state: CleanableState, olderThanMs: number, limit: number): Promise<number> {
    const q = await this.existing(queue);
    if (state === 'prioritized')
      throw new ApiError('UNSUPPORTED', 'Bull keeps prioritized jobs among the waiting ones');
    if (state === 'delayed') return cleanDelayed(q, olderThanMs, limit);
    const type = state === 'waiting' ? 'wait' : (state as Exclude<CleanableState, 'waiting' | 'prioritized'>);
    return (await q.clean(olderThanMs, type, limit)).length;
  }

  async drain(queue: string, includeDelayed: boolean): Promise<void> {
    // Not Bull's empty(): it also unpauses the queue and walks keys with KEYS.
    const q = await this.existing(queue);
    const states: Array<'wait' | 'paused' | 'delayed'> = [
      'wait',
      'paused',
      ...(includeDelayed ? (['delayed'] as const) : []),
    ];
    for (const state of states) await q.clean(EVERY_JOB, state);
  }

  async obliterate(queue: string, force: boolean): Promise<number> {
    const { counts } = await this.getQueue(queue);
    const jobs = totalJobs(counts);
    const q = await this.existing(queue);
    // Bull pauses before it looks for active jobs, and would leave the queue paused.
    await obliterateOrConflict(
      () => q.obliterate({ force }),
      () => q.resume(),
    );
    await this.pool.forget(queue);
    this.finder.forget(queue);
    return jobs;
  }

  async listJobs(queue: string, query: JobQuery): Promise<JobPage> {
    return listBullJobs(await this.existing(queue), query);
  }

  async getJob(queue: string, id: string): Promise<JobDetail> {
    const q = await this.existing(queue);
    const { job, state } = await jobWithState(q, id);
    return toJobDetail(q, job, state);
  }

  async addJob(queue: string, spec: TaskSpec): Promise<string> {
    const job = await this.pool.get(queue).add(spec.task, spec.args, toBullOptions(spec.options));
    this.finder.learn(queue);
    return String(job.id);
  }

  /** Copies through Bull's addBulk; a chosen job id gets `-1`, `-2`… so the copies stay apart. */
  async addCopies(queue: string, spec: TaskSpec, plan: CopiesPlan) {
    const q = this.pool.get(queue);
    const opts = toBullOptions(spec.options);
    const added = await addInBatches(plan, (first, size) =>
      q.addBulk(
        Array.from({ length: size }, (_, i) => ({
          name: spec.task,
          data: spec.args,
          opts: opts.jobId !== undefined ? { ...opts, jobId: `${opts.jobId}-${first + i}` } : opts,
        })),
      ),
    );
    this.finder.learn(queue);
    return added;
  }

  async retryJob(queue: string, id: string): Promise<{ id: string; state: JobState }> {
    const q = await this.existing(queue);
    const job = await fetchBullJob(q, id);
    const state = await job.getState();
    if (state !== 'failed')
      throw new ApiError('CONFLICT', `job "${id}" is ${state}; Bull retries failed jobs only`);
    await job.retry();
    return { id, state: (await jobWithState(q, id)).state };
  }

  async removeJob(queue: string, id: string): Promise<boolean> {
    const job = await fetchBullJob(await this.existing(queue), id);
    try {
      await job.remove();
    } catch {
      throw new ApiError('CONFLICT', `job "${id}" is being processed (locked) and cannot be removed`);
    }
    return true;
  }

  async promoteJob(queue: string, id: string): Promise<JobState> {
    const q = await this.existing(queue);
    const job = await fetchBullJob(q, id);
    const state = await job.getState();
    if (state !== 'delayed')
      throw new ApiError('CONFLICT', `job "${id}" is ${state}; only delayed jobs can be promoted`);
    await job.promote();
    return (await jobWithState(q, id)).state;
  }

  async retryAll(queue: string, state: 'failed' | 'completed'): Promise<number> {
    const q = await this.existing(queue);
    if (state !== 'failed') throw new ApiError('UNSUPPORTED', 'Bull retries failed jobs only');
    const count = await q.getFailedCount();
    // retryJobs is in Bull 4's code (lib/queue.js) but missing from its typings.
    if (count > 0) await (q as unknown as RetryingQueue).retryJobs({ count: 1000 });
    return count;
  }

  /** Bull promotes one job at a time: each delayed job, a page at a time (a job that refuses stays, skipped). */
  async promoteAll(queue: string): Promise<number> {
    const q = await this.existing(queue);
    let promoted = 0;
    let skipped = 0;
    for (;;) {
      const page = await q.getDelayed(skipped, skipped + 999);
      if (page.length === 0) return promoted;
      for (const job of page) {
        const ok = await job?.promote().then(
          () => true,
          () => false, // promoted or removed meanwhile
        );
        if (ok) promoted++;
        else skipped++;
      }
    }
  }

  addFlow(): Promise<FlowResult> {
    return Promise.reject(
      new ApiError('UNSUPPORTED', 'the bull driver does not support flows (Bull has none)'),
    );
  }

  async watch(queues: string[], sink: JobEventSink): Promise<() => Promise<void>> {
    return watchEach(queues, (q) => watchBullQueue(this.pool.get(q), this.prefix, sink));
  }

  async close(): Promise<void> {
    this.finder.stop();
    await this.pool.close();
    this.redis.disconnect();
  }
}
