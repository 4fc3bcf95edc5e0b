import type { Job } from 'bullmq';
import type { JobRefDto, JobSummary, JobTimestamps } from '../../../../shared/contract/queues';
import type { JobState } from '../../../../shared/contract/task-model';

const PREVIEW_CHARS = 300;

export function argsText(data: unknown): string {
  return JSON.stringify(data) ?? 'null';
}

export function timestamps(job: Job): JobTimestamps {
  const out: JobTimestamps = { created: job.timestamp };
  if (job.processedOn) out.processed = job.processedOn;
  if (job.finishedOn) out.finished = job.finishedOn;
  if (job.delay > 0) out.due = job.timestamp + job.delay;
  return out;
}

export function toJobSummary(job: Job, state: JobState): JobSummary {
  const summary: JobSummary = {
    id: String(job.id),
    queue: job.queueName,
    task: job.name,
    state,
    argsPreview: argsText(job.data).slice(0, PREVIEW_CHARS),
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    progress: job.progress,
    timestamps: timestamps(job),
  };
  if (job.failedReason) summary.failedReason = job.failedReason;
  if (job.repeatJobKey) summary.scheduler = job.repeatJobKey;
  return summary;
}

/** `bull:orders:42` → `{queue: "orders", id: "42"}`, for the prefix the driver runs under. */
export function parseJobKey(key: string, prefix: string): JobRefDto | undefined {
  if (!key.startsWith(`${prefix}:`)) return undefined;
  const rest = key.slice(prefix.length + 1);
  const cut = rest.indexOf(':');
  if (cut <= 0) return undefined;
  return { queue: rest.slice(0, cut), id: rest.slice(cut + 1) };
}
