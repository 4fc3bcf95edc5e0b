import type { Queue } from 'bullmq';
import type { CopiesPlan, TaskSpec } from '../../driver';
import { addInBatches } from '../../batched-copies';
import { toBullJobOptions } from './options';

/**
 * Adds `count` copies through addBulk, `batchSize` at a time. Options are computed once so every copy shares
 * one ETA and expiry; a caller-chosen job id gets `-1`, `-2`… so the copies do not collapse into one job.
 */
export async function addCopies(
  queue: Queue,
  spec: TaskSpec,
  plan: CopiesPlan,
): Promise<{ firstId: string; lastId: string }> {
  const opts = toBullJobOptions(spec.options);
  return addInBatches(plan, (first, size) =>
    queue.addBulk(
      Array.from({ length: size }, (_, i) => ({
        name: spec.task,
        data: spec.args,
        opts: opts.jobId ? { ...opts, jobId: `${opts.jobId}-${first + i}` } : opts,
      })),
    ),
  );
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
