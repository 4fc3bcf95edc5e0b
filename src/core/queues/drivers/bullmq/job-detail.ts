import { Job, type Queue } from 'bullmq';
import type { JobChild, JobDetail } from '../../../../shared/contract/queues';
import type { JobState } from '../../../../shared/contract/task-model';
import { ApiError } from '../../../../shared/result';
import { toJobSummary, parseJobKey } from './job-dto';
import { expiresAt, fromBullJobOptions } from './options';
import type { QueuePool } from './queue-pool';
import { retriedAt } from './retry-mark';

const MAX_LOGS = 1000;
const MAX_CHILDREN = 200;

export async function fetchJob(queue: Queue, id: string): Promise<Job> {
  const job = await Job.fromId(queue, id);
  if (!job) throw new ApiError('NOT_FOUND', `job "${id}" not found in queue "${queue.name}"`);
  return job;
}

/**
 * The job's hash and its state as of one moment. They are two reads, and a job retried in between would show its
 * final state with the previous attempt's data; so read the state on both sides and again if it moved. A job that
 * keeps moving gets the state read before its data: the data is then newer, never older, than the state.
 */
async function jobWithState(queue: Queue, id: string): Promise<{ job: Job; state: JobState }> {
  for (let attempt = 1; ; attempt++) {
    const before = await queue.getJobState(id);
    const job = await fetchJob(queue, id);
    const after = await job.getState();
    if (after === before) return { job, state: after };
    if (attempt === 5) return { job, state: before };
  }
}

/** Everything about one job: args, options, logs, result or failure, parent and children. */
export async function jobDetail(pool: QueuePool, queue: Queue, id: string): Promise<JobDetail> {
  const { job, state } = await jobWithState(queue, id);
  const [logs, children, retried] = await Promise.all([
    queue.getJobLogs(id, 0, MAX_LOGS - 1, true),
    jobChildren(pool, job),
    retriedAt(pool.redis, queue.toKey(id)),
  ]);
  const { argsPreview: _preview, ...summary } = toJobSummary(job, state);
  if (retried !== undefined) summary.timestamps.retried = retried;
  const detail: JobDetail = {
    ...summary,
    args: job.data,
    options: storedOptions(job.opts),
    taskOptions: fromBullJobOptions(job.opts, job.timestamp),
    priority: job.priority,
    returnValue: job.returnvalue ?? null,
    stacktrace: job.stacktrace ?? [],
    logs: logs.logs,
    logCount: logs.count,
    children,
  };
  const parent = job.parentKey ? parseJobKey(job.parentKey, pool.prefix) : undefined;
  if (parent) detail.parent = parent;
  const deadline = expiresAt(job.opts);
  if (deadline !== undefined) detail.expiresAt = deadline;
  const dedup = job.deduplicationId ?? job.opts.deduplication?.id;
  if (dedup) detail.deduplicationId = dedup;
  return detail;
}

/**
 * The job's options as given. BullMQ's Job puts `attempts: 0` into every job's options when none was set (0 and 1
 * both mean one try), so a job added with no attempts would otherwise show an option nobody set.
 */
export function storedOptions(opts: object): Record<string, unknown> {
  const { attempts, ...rest } = opts as Record<string, unknown>;
  return attempts === 0 || attempts === undefined ? rest : { ...rest, attempts };
}

async function jobChildren(pool: QueuePool, job: Job): Promise<JobChild[]> {
  const deps = await job.getDependencies({
    processed: { count: MAX_CHILDREN },
    unprocessed: { count: MAX_CHILDREN },
    failed: { count: MAX_CHILDREN },
  });
  const keys = [...Object.keys(deps.processed ?? {}), ...(deps.unprocessed ?? []), ...(deps.failed ?? [])];
  const children = await Promise.all(keys.slice(0, MAX_CHILDREN).map((key) => childOf(pool, key)));
  return children.filter((c): c is JobChild => c !== undefined);
}

async function childOf(pool: QueuePool, key: string): Promise<JobChild | undefined> {
  const ref = parseJobKey(key, pool.prefix);
  if (!ref) return undefined;
  const child = await Job.fromId(pool.get(ref.queue), ref.id);
  if (!child) return { ...ref, state: 'unknown' };
  const out: JobChild = { ...ref, state: await child.getState(), task: child.name };
  if (child.returnvalue !== undefined && child.returnvalue !== null) out.returnValue = child.returnvalue;
  if (child.failedReason) out.failedReason = child.failedReason;
  return out;
}
