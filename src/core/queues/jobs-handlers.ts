import type { FlowStep } from '../../shared/contract/queues';
import { ApiError } from '../../shared/result';
import { requireCapability, requireState, requireTaskSupported } from './capabilities';
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
  | 'jobs.revoke'
  | 'flows.add';

/** Progress events of addCopies at most this often (plus the last one). */
const PROGRESS_EVERY_MS = 150;

export function jobsHandlers(ctx: CoreContext, service: QueueService): HandlerMap<JobsMethod> {
  return {
    'jobs.list': ({ queue, prefix, engine, ...query }) => {
      const driver = service.driver(engine, prefix);
      requireState(driver, query.state);
      return driver.listJobs(queue, query);
    },
    'jobs.get': ({ queue, prefix, engine, id }) => service.driver(engine, prefix).getJob(queue, id),
    'jobs.add': async ({ queue, prefix, engine, ...spec }) => {
      const driver = service.driver(engine, prefix);
      requireTaskSupported(driver, spec);
      return { id: await driver.addJob(queue, spec) };
    },
    'jobs.addCopies': async ({ queue, prefix, engine, count, batchSize, opId, ...spec }) => {
      const started = Date.now();
      let lastEmit = 0;
      const onProgress = (added: number): void => {
        const now = Date.now();
        if (added < count && now - lastEmit < PROGRESS_EVERY_MS) return;
        lastEmit = now;
        ctx.emit('jobs.addProgress', { ...(opId ? { opId } : {}), queue, added, total: count });
      };
      const driver = service.driver(engine, prefix);
      requireTaskSupported(driver, spec);
      const ids = await driver.addCopies(queue, spec, { count, batchSize, onProgress });
      return { added: count, ...ids, elapsedMs: Date.now() - started };
    },
    'jobs.retry': ({ queue, prefix, engine, id }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'retry', 'retrying a job');
      return driver.retryJob(queue, id);
    },
    'jobs.remove': async ({ queue, prefix, engine, id }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'remove', 'removing a job');
      return { removed: await driver.removeJob(queue, id) };
    },
    'jobs.promote': async ({ queue, prefix, engine, id }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'promote', 'promoting a delayed job');
      return { id, state: await driver.promoteJob(queue, id) };
    },
    'jobs.retryAll': async ({ queue, prefix, engine, state }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'retry', 'retrying every job of a state');
      return { retried: await driver.retryAll(queue, state) };
    },
    'jobs.promoteAll': async ({ queue, prefix, engine }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'promote', 'promoting delayed jobs');
      return { promoted: await driver.promoteAll(queue) };
    },
    'jobs.revoke': async ({ queue, prefix, engine, id, terminate, signal }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'revoke', 'revoking a task');
      if (!driver.revokeJob) throw new ApiError('UNSUPPORTED', `the ${engine} driver cannot revoke`);
      await driver.revokeJob(queue, id, terminate, signal);
      return { id, revoked: true as const };
    },
    'flows.add': async ({ prefix, engine, ...flow }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'flows', 'flows');
      const steps: FlowStep[] = [...flow.steps, ...(flow.callback ? [flow.callback] : [])];
      for (const step of steps) requireTaskSupported(driver, step);
      return driver.addFlow(flow);
    },
  };
}
