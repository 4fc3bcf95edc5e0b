import type { Queue } from 'bullmq';
import type { CopiesPlan, TaskSpec } from '../../driver';
import { toBullJobOptions } from './options';

/**
 * Adds `count` copies through addBulk, `batchSize` at a time. Options are computed once so every copy shares
 * one ETA and expiry; a caller-chosen job id gets `-1`, `-2`… so the copies do not collapse into one job.
 */
export async function addCopies(
  queue: Queue,
  spec: TaskSpec,
  { count, batchSize, onProgress }: CopiesPlan,
): Promise<{ firstId: string; lastId: string }> {
  const opts = toBullJobOptions(spec.options);
  let firstId = '';
  let lastId = '';
  for (let added = 0; added < count;) {
    const size = Math.min(batchSize, count - added);
    const batch = Array.from({ length: size }, (_, i) => ({
      name: spec.task,
      data: spec.args,
      opts: opts.jobId ? { ...opts, jobId: `${opts.jobId}-${added + i + 1}` } : opts,
    }));
    const jobs = await queue.addBulk(batch);
    if (added === 0) firstId = String(jobs[0]?.id);
    lastId = String(jobs[jobs.length - 1]?.id);
    added += size;
    onProgress(added);
  }
  return { firstId, lastId };
}

export async function retryAll(queue: Queue, state: 'failed' | 'completed'): Promise<number> {
  const count = await queue.getJobCountByTypes(state);
  if (count > 0) await queue.retryJobs({ state, count: 1000 });
  return count;
}

export async function promoteAll(queue: Queue): Promise<number> {
  const count = await queue.getJobCountByTypes('delayed');
  if (count > 0) await queue.promoteJobs({ count: 1000 });
  return count;
}
