import type { FlowStep } from '../../shared/contract/queues';
import { requireCapability, requireTaskSupported } from './capabilities';
import type { CoreContext, HandlerMap } from '../context';
import type { QueueService } from './service';

export type JobsMethod =
  | 'jobs.list'
  | 'jobs.get'
  | 'jobs.add'
  | 'jobs.addCopies'
  | 'jobs.retry'
  | 'jobs.remove'
  | 'jobs.promote'
  | 'jobs.retryAll'
  | 'jobs.promoteAll'
  | 'flows.add';

/** Progress events of addCopies at most this often (plus the last one). */
const PROGRESS_EVERY_MS = 150;

export function jobsHandlers(ctx: CoreContext, service: QueueService): HandlerMap<JobsMethod> {
  return {
    'jobs.list': ({ queue, prefix, ...query }) => service.driver(prefix).listJobs(queue, query),
    'jobs.get': ({ queue, prefix, id }) => service.driver(prefix).getJob(queue, id),
    'jobs.add': async ({ queue, prefix, ...spec }) => {
      const driver = service.driver(prefix);
      requireTaskSupported(driver, spec);
      return { id: await driver.addJob(queue, spec) };
    },
    'jobs.addCopies': async ({ queue, prefix, count, batchSize, opId, ...spec }) => {
      const started = Date.now();
      let lastEmit = 0;
      const onProgress = (added: number): void => {
        const now = Date.now();
        if (added < count && now - lastEmit < PROGRESS_EVERY_MS) return;
        lastEmit = now;
        ctx.emit('jobs.addProgress', { ...(opId ? { opId } : {}), queue, added, total: count });
      };
      const driver = service.driver(prefix);
      requireTaskSupported(driver, spec);
      const ids = await driver.addCopies(queue, spec, { count, batchSize, onProgress });
      return { added: count, ...ids, elapsedMs: Date.now() - started };
    },
    'jobs.retry': async ({ queue, prefix, id }) => ({
      id,
      state: await service.driver(prefix).retryJob(queue, id),
    }),
    'jobs.remove': async ({ queue, prefix, id }) => ({
      removed: await service.driver(prefix).removeJob(queue, id),
    }),
    'jobs.promote': async ({ queue, prefix, id }) => ({
      id,
      state: await service.driver(prefix).promoteJob(queue, id),
    }),
    'jobs.retryAll': async ({ queue, prefix, state }) => ({
      retried: await service.driver(prefix).retryAll(queue, state),
    }),
    'jobs.promoteAll': async ({ queue, prefix }) => ({
      promoted: await service.driver(prefix).promoteAll(queue),
    }),
    'flows.add': async ({ prefix, ...flow }) => {
      const driver = service.driver(prefix);
      requireCapability(driver, 'flows', 'flows');
      const steps: FlowStep[] = [...flow.steps, ...(flow.callback ? [flow.callback] : [])];
      for (const step of steps) requireTaskSupported(driver, step);
      return driver.addFlow(flow);
    },
  };
}
