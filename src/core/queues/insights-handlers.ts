import { ApiError } from '../../shared/result';
import type { HandlerMap } from '../context';
import { searchAllQueues } from './search-jobs';
import type { QueueService } from './service';

export type InsightsMethod = 'jobs.search' | 'queues.taskStats' | 'workers.everywhere';

export function insightsHandlers(service: QueueService): HandlerMap<InsightsMethod> {
  return {
    'jobs.search': (spec) => searchAllQueues(service, spec),
    'queues.taskStats': ({ queue, prefix, windowMs }) => {
      const driver = service.driver('bullmq', prefix);
      if (!driver.taskStats)
        throw new ApiError('UNSUPPORTED', `the ${driver.kind} driver keeps no task statistics`);
      return driver.taskStats(queue, windowMs);
    },
    'workers.everywhere': async ({ prefix }) => {
      const driver = service.driver('bullmq', prefix);
      if (!driver.workersEverywhere)
        throw new ApiError('UNSUPPORTED', `the ${driver.kind} driver lists no workers`);
      const { workers, presences } = await driver.workersEverywhere();
      const hosts = [...new Set(presences.map((p) => p.host))].sort();
      return { workers, presences, hosts };
    },
  };
}
