import type { Queue } from 'bullmq';
import { isCluster, type AnyRedis } from '../../../connection/any-redis';
import type { JobState } from '../../../../shared/contract/task-model';
import { ApiError } from '../../../../shared/result';
import { requestCancel } from '../../../worker/cancel-channel';
import { fetchJob } from './job-detail';

/** How long `jobs.cancel` waits for the worker to let go of the job. */
const CANCEL_WAIT_MS = 10_000;
const CANCEL_POLL_MS = 50;

export interface JobPatch {
  data?: unknown;
  priority?: number;
  delayMs?: number;
}

const EDITABLE: JobState[] = ['waiting', 'prioritized', 'delayed', 'paused', 'waiting-children'];

/** Changes a job that has not started, in place (BullMQ's updateData / changePriority / changeDelay). */
export async function updateJob(queue: Queue, id: string, patch: JobPatch): Promise<void> {
  const job = await fetchJob(queue, id);
  const state = await job.getState();
  if (!EDITABLE.includes(state as JobState))
    throw new ApiError('CONFLICT', `job "${id}" is ${state}; only jobs that have not started can be edited`);
  if (patch.delayMs !== undefined && state !== 'delayed')
    throw new ApiError('CONFLICT', `job "${id}" is ${state}, not delayed: it has no delay to change`);
  // Checked before the first write, so a refused change leaves the job as it was.
  if (patch.data !== undefined) await job.updateData(patch.data);
  if (patch.priority !== undefined) await job.changePriority({ priority: patch.priority });
  if (patch.delayMs !== undefined) await job.changeDelay(patch.delayMs);
}

export async function addLog(queue: Queue, id: string, line: string): Promise<number> {
  const job = await fetchJob(queue, id);
  return job.log(line);
}

/**
 * Asks the QueueDesk worker holding the job to abort it and waits until the job leaves "active". A job on
 * another app's worker cannot be reached: BullMQ cancels only inside the process that runs the job.
 */
export async function cancelJob(
  redis: AnyRedis,
  queue: Queue,
  id: string,
  reason: string,
): Promise<{ cancelled: boolean; state: JobState; worker?: string }> {
  const job = await fetchJob(queue, id);
  const state = (await job.getState()) as JobState;
  if (state !== 'active')
    throw new ApiError('CONFLICT', `job "${id}" is ${state}, not running: remove it instead of cancelling`);
  // BullMQ records the worker's name on the job; QueueDesk names its workers `queuedesk-<id>` (runtime.ts).
  if (job.processedBy && !job.processedBy.startsWith('queuedesk-'))
    throw new ApiError(
      'CONFLICT',
      `job "${id}" runs on worker "${job.processedBy}", which is not QueueDesk's: only the process running a ` +
        'BullMQ job can stop it; nothing was changed',
    );
  const heard = await requestCancel(redis, {
    db: isCluster(redis) ? 0 : (redis.options.db ?? 0),
    prefix: String(queue.opts.prefix),
    queue: queue.name,
    id,
    reason,
  });
  if (heard === 0)
    throw new ApiError(
      'CONFLICT',
      `job "${id}" runs on a worker that is not QueueDesk's (none listens on this server): only the process ` +
        'running a BullMQ job can stop it; nothing was changed',
    );
  const deadline = Date.now() + CANCEL_WAIT_MS;
  let now: JobState = state;
  while (now === 'active' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, CANCEL_POLL_MS));
    now = (await queue.getJobState(id)) as JobState;
  }
  return { cancelled: now !== 'active', state: now, ...(job.processedBy ? { worker: job.processedBy } : {}) };
}
