import { requireConfirm } from '../confirm';
import type { CoreContext, HandlerMap } from '../context';
import { BullmqDriver } from './drivers/bullmq/driver';
import { requireCapability } from './capabilities';
import { jobsHandlers, type JobsMethod } from './jobs-handlers';
import { QueueService } from './service';

type QueuesMethod =
  | 'queues.list'
  | 'queues.workers'
  | 'queues.pause'
  | 'queues.resume'
  | 'queues.clean'
  | 'queues.drain'
  | 'queues.obliterate';

/** Methods that only read: every other one may change counts, so the live feed reads them at once after it. */
const READS = new Set<string>(['queues.list', 'queues.workers', 'jobs.list', 'jobs.get']);

export function queuesHandlers(ctx: CoreContext): HandlerMap<QueuesMethod | JobsMethod> {
  const service = new QueueService(ctx, (options, prefix) => new BullmqDriver(options, prefix));
  const handlers = { ...queueLevelHandlers(service), ...jobsHandlers(ctx, service) };
  const table = handlers as unknown as Record<string, AnyHandler>;
  for (const [name, handler] of Object.entries(table)) {
    if (READS.has(name)) continue;
    table[name] = async (params) => {
      const result = await handler(params);
      service.nudge(params.prefix);
      return result;
    };
  }
  return handlers;
}

type AnyHandler = (params: { prefix: string }) => unknown;

function queueLevelHandlers(service: QueueService): HandlerMap<QueuesMethod> {
  return {
    'queues.list': async ({ prefix, refresh }) => {
      const queues = await service.driver(prefix).listQueues({ refresh });
      await service.watch(prefix, queues);
      return queues;
    },
    'queues.workers': ({ queue, prefix }) => {
      const driver = service.driver(prefix);
      requireCapability(driver, 'workers', 'listing workers');
      return driver.listWorkers(queue);
    },
    'queues.pause': async ({ queue, prefix }) => {
      const driver = service.driver(prefix);
      requireCapability(driver, 'pause', 'pausing a queue');
      await driver.pause(queue);
      return driver.getQueue(queue);
    },
    'queues.resume': async ({ queue, prefix }) => {
      const driver = service.driver(prefix);
      requireCapability(driver, 'pause', 'pausing a queue');
      await driver.resume(queue);
      return driver.getQueue(queue);
    },
    'queues.clean': async ({ queue, prefix, state, olderThanMs, limit }) => ({
      removed: await service.driver(prefix).clean(queue, state, olderThanMs, limit),
    }),
    'queues.drain': async ({ queue, prefix, delayed }) => {
      const driver = service.driver(prefix);
      await driver.drain(queue, delayed);
      return driver.getQueue(queue);
    },
    'queues.obliterate': async ({ queue, prefix, force, confirm }) => {
      const driver = service.driver(prefix);
      const { counts } = await driver.getQueue(queue);
      const jobs = Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
      requireConfirm(`Obliterating queue "${queue}"`, jobs, confirm, 'job');
      return { removedJobs: await driver.obliterate(queue, force) };
    },
  };
}
