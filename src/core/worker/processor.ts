import { UnrecoverableError, type Job } from 'bullmq';
import { isExpired } from '../queues/drivers/bullmq/options';
import type { TaskRegistry } from '../tasks/registry';
import type { TaskContext, TaskServices } from '../tasks/types';

export interface ProcessorHooks {
  log(job: Job, line: string): void;
}

/**
 * The BullMQ processor of a QueueDesk worker: the job's name picks the handler, its data is the args.
 * Jobs that can never succeed (expired, no handler) fail at once without using up retries.
 */
export function makeProcessor(registry: TaskRegistry, services: TaskServices, hooks: ProcessorHooks) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<unknown> => {
    if (isExpired(job.opts)) throw new UnrecoverableError('expired');
    const task = registry.get(job.name);
    if (!task) throw new UnrecoverableError(`no handler for task ${job.name}`);
    const children = task.readsChildren ? await childValues(job) : [];
    const ctx: TaskContext = {
      args: job.data,
      jobId: job.id ?? '',
      queue: job.queueName,
      task: job.name,
      attempt: job.attemptsMade + 1,
      progress: (value) => job.updateProgress(value),
      log: async (line) => {
        hooks.log(job, line);
        await job.log(line);
      },
      signal: signal ?? new AbortController().signal,
      previous: children.length === 1 ? children[0] : undefined,
      childResults: children,
    };
    try {
      return await task.run(ctx, services);
    } catch (err) {
      // Only `jobs.cancel` aborts the signal (Worker.cancelJob): a stopped job fails for good, no retries.
      if (signal?.aborted) throw new UnrecoverableError(`cancelled: ${reasonText(signal.reason)}`);
      throw err;
    }
  };
}

/** Children's return values (flows). Only parents have them; the lookup is one HGETALL. */
async function childValues(job: Job): Promise<unknown[]> {
  const values = await job.getChildrenValues();
  return Object.values(values ?? {});
}

function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return typeof reason === 'string' && reason ? reason : 'no reason given';
}
