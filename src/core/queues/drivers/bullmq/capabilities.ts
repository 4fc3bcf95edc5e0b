import { ListableState } from '../../../../shared/contract/queues';
import type { DriverCapabilities } from '../../driver';

/**
 * BullMQ: all its job states, flows, schedulers, cancellation, in-place edits and global limits; none of Celery's
 * revoke, kwargs, time limits or links.
 */
export const BULLMQ_CAPABILITIES: DriverCapabilities = {
  engine: 'bullmq',
  // Every state a job list shows, in their order.
  states: [...ListableState.options],
  actions: {
    pause: true,
    clean: true,
    drain: true,
    obliterate: true,
    remove: true,
    retry: true,
    promote: true,
    revoke: false,
    flows: true,
    workers: true,
    tasks: false,
    schedulers: true,
    cancel: true,
    edit: true,
    limits: true,
  },
  options: {
    kwargs: false,
    priority: true,
    lifo: true,
    attempts: true,
    removeOnFinish: true,
    dedupe: true,
    timeLimits: false,
    links: false,
    expiry: true,
  },
  logs: true,
  progress: true,
  exactCounts: true,
  usesPrefix: true,
};
