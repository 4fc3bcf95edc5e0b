import type { EngineName } from '../../shared/contract/engines';
import type { TaskList } from '../../shared/contract/processes';
import { ApiError } from '../../shared/result';
import { requireConfirm } from '../confirm';
import type { CoreContext, HandlerMap } from '../context';
import { requireCapability } from './capabilities';
import { engineRegistry } from './engines';
import { jobsHandlers, type JobsMethod } from './jobs-handlers';
import { schedulersHandlers, type SchedulersMethod } from './schedulers-handlers';
import { jobActionsHandlers, type JobActionsMethod } from './job-actions-handlers';
import { insightsHandlers, type InsightsMethod } from './insights-handlers';
import { limitsHandlers, type LimitsMethod } from './limits-handlers';
import { QueueService, type JobEventTap } from './service';

type QueuesMethod =
  | 'queues.list'
  | 'queues.engines'
  | 'queues.workers'
  | 'workers.poolResize'
  | 'tasks.rateLimit'
  | 'queues.eventHistory'
  | 'queues.pause'
  | 'queues.resume'
  | 'queues.clean'
  | 'queues.drain'
  | 'queues.obliterate';

/** Methods that only read: every other one may change counts, so the live feed reads them at once after it. */
const READS = new Set<string>([
  'queues.list',
  'queues.engines',
  'queues.workers',
  'queues.eventHistory',
  'schedulers.list',
  'jobs.search',
  'queues.taskStats',
  'queues.settings',
  'workers.everywhere',
  'jobs.list',
  'jobs.get',
]);

/** Task names an engine's own workers registered (Celery remote control), for `tasks.list {engine}`. */
export type EngineTasks = (engine: EngineName, queue: string | undefined) => Promise<TaskList>;

export function queuesHandlers(ctx: CoreContext): {
  handlers: HandlerMap<
    QueuesMethod | JobsMethod | SchedulersMethod | JobActionsMethod | InsightsMethod | LimitsMethod
  >;
  engineTasks: EngineTasks;
  tap: JobEventTap;
} {
  const service = new QueueService(ctx, engineRegistry);
  const engineTasks: EngineTasks = (engine, queue) => {
    const driver = service.driver(engine, 'bull');
    requireCapability(driver, 'tasks', 'listing registered tasks');
    if (!driver.listTasks) throw new ApiError('UNSUPPORTED', `the ${engine} driver cannot list tasks`);
    return driver.listTasks(queue);
  };
  const handlers = {
    ...queueLevelHandlers(service),
    ...jobsHandlers(ctx, service),
    ...schedulersHandlers(service),
    ...jobActionsHandlers(service),
    ...insightsHandlers(service),
    ...limitsHandlers(service),
  };
  const table = handlers as unknown as Record<string, AnyHandler>;
  for (const [name, handler] of Object.entries(table)) {
    if (READS.has(name)) continue;
    table[name] = async (params) => {
      const result = await handler(params);
      service.nudge(params.engine ?? 'bullmq', params.prefix);
      return result;
    };
  }
  return { handlers, engineTasks, tap: service.tap };
}

type AnyHandler = (params: { prefix: string; engine?: EngineName }) => unknown;

function queueLevelHandlers(service: QueueService): HandlerMap<QueuesMethod> {
  return {
    'queues.list': async ({ prefix, engine, refresh }) => {
      const engines = engine ? [engine] : service.engineNames();
      const lists = await Promise.all(
        engines.map((name) => service.listAndWatch(name, prefix, refresh)),
      );
      return lists.flat();
    },
    'queues.engines': () => service.engineNames().map((name) => service.engines[name].capabilities),
    'queues.workers': ({ queue, prefix, engine }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'workers', 'listing workers');
      return driver.listWorkers(queue);
    },
    'workers.poolResize': async ({ queue, prefix, engine, hostname, delta }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'workers', 'controlling workers');
      if (!driver.resizePool) throw new ApiError('UNSUPPORTED', `the ${engine} driver cannot resize a pool`);
      return { replies: await driver.resizePool(queue, hostname, delta) };
    },
    'tasks.rateLimit': async ({ queue, prefix, engine, task, rate }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'workers', 'controlling workers');
      if (!driver.setRateLimit)
        throw new ApiError('UNSUPPORTED', `the ${engine} driver cannot set rate limits`);
      return { replies: await driver.setRateLimit(queue, task, rate) };
    },
    'queues.eventHistory': async ({ queue, prefix, engine, limit }) => {
      const driver = service.driver(engine, prefix);
      if (!driver.eventHistory)
        throw new ApiError('UNSUPPORTED', `the ${engine} driver keeps no event history`);
      return { events: await driver.eventHistory(queue, limit) };
    },
    'queues.pause': async ({ queue, prefix, engine }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'pause', 'pausing a queue');
      await driver.pause(queue);
      return driver.getQueue(queue);
    },
    'queues.resume': async ({ queue, prefix, engine }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'pause', 'pausing a queue');
      await driver.resume(queue);
      return driver.getQueue(queue);
    },
    'queues.clean': async ({ queue, prefix, engine, state, olderThanMs, limit }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'clean', 'cleaning a queue by age');
      return { removed: await driver.clean(queue, state, olderThanMs, limit) };
    },
    'queues.drain': async ({ queue, prefix, engine, delayed }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'drain', 'draining a queue');
      await driver.drain(queue, delayed);
      return driver.getQueue(queue);
    },
    'queues.obliterate': async ({ queue, prefix, engine, force, confirm }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'obliterate', 'deleting a queue');
      const { counts } = await driver.getQueue(queue);
      const jobs = Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
      requireConfirm(`Obliterating queue "${queue}"`, jobs, confirm, 'job');
      return { removedJobs: await driver.obliterate(queue, force) };
    },
  };
}
