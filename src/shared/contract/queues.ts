/**
 * The queue API, gathered from the files that define it by concern (refs, queue list, workers, job input, jobs,
 * flows, live events); importers of `contract/queues` see every name they saw before.
 */
import { flowsMethods } from './flows';
import { jobsEvents, jobsMethods } from './jobs';
import { queueEventsEvents, queueEventsMethods } from './queue-events';
import { queueListEvents, queueListMethods } from './queue-list';
import { workersMethods } from './workers';

export * from './queue-refs';
export * from './job-input';
export * from './queue-list';
export * from './workers';
export * from './celery-job';
export * from './jobs';
export * from './flows';
export * from './queue-events';

export const queuesMethods = {
  ...queueListMethods,
  ...workersMethods,
  ...queueEventsMethods,
  ...jobsMethods,
  ...flowsMethods,
};

export const queuesEvents = {
  ...queueEventsEvents,
  ...queueListEvents,
  ...jobsEvents,
};
