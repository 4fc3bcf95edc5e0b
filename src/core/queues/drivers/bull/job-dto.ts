import type Bull from 'bull';
import type { JobDetail, JobSummary, JobTimestamps } from '../../../../shared/contract/queues';
import type { JobState } from '../../../../shared/contract/task-model';
import { fromBullOptions } from './options';

const PREVIEW_CHARS = 300;
const MAX_LOGS = 1000;

export function argsText(data: unknown): string {
  return JSON.stringify(data) ?? 'null';
}

/** Bull's getState says `stuck` for a job in no list; QueueDesk calls that unknown. */
export function toState(state: string): JobState {
  return state === 'stuck' ? 'unknown' : (state as JobState);
}

function timestamps(job: Bull.Job): JobTimestamps {
  const out: JobTimestamps = { created: job.timestamp };
  if (job.processedOn) out.processed = job.processedOn;
  if (job.finishedOn) out.finished = job.finishedOn;
  const delay = job.opts.delay ?? 0;
  if (delay > 0) out.due = job.timestamp + delay;
  return out;
}

/**
 * Bull counts failed runs only (`attemptsMade` grows in moveToFailed); a completed job also made the run that
 * succeeded, so it is counted here as BullMQ does.
 */
function attemptsMade(job: Bull.Job, state: JobState): number {
  return job.attemptsMade + (state === 'completed' ? 1 : 0);
}

export function toJobSummary(job: Bull.Job, state: JobState): JobSummary {
  const summary: JobSummary = {
    id: String(job.id),
    queue: job.queue.name,
    task: job.name,
    state,
    argsPreview: argsText(job.data).slice(0, PREVIEW_CHARS),
    attemptsMade: attemptsMade(job, state),
    maxAttempts: job.opts.attempts ?? 1,
    progress: job.progress(),
    timestamps: timestamps(job),
  };
  if (job.failedReason) summary.failedReason = job.failedReason;
  return summary;
}

export async function toJobDetail(queue: Bull.Queue, job: Bull.Job, state: JobState): Promise<JobDetail> {
  const logs = await queue.getJobLogs(job.id, 0, MAX_LOGS - 1);
  const { argsPreview: _preview, ...summary } = toJobSummary(job, state);
  const retriedOn = (job as unknown as { retriedOn?: number }).retriedOn;
  if (retriedOn) summary.timestamps.retried = retriedOn;
  return {
    ...summary,
    engine: 'bull',
    args: job.data,
    options: { ...job.opts },
    taskOptions: fromBullOptions(job.opts),
    priority: job.opts.priority ?? 0,
    returnValue: job.returnvalue ?? null,
    stacktrace: job.stacktrace ?? [],
    logs: logs.logs,
    logCount: logs.count,
    children: [],
  };
}
