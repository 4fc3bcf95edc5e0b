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

export function queuesHandlers(ctx: CoreContext): HandlerMap<QueuesMethod | JobsMethod> {
  const service = new QueueService(ctx, (options, prefix) => new BullmqDriver(options, prefix));
  return { ...queueLevelHandlers(service), ...jobsHandlers(ctx, service) };
}

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
    'queues.obliterate': async ({ queue, prefix, force }) => ({
      removedJobs: await service.driver(prefix).obliterate(queue, force),
    }),
  };
}
