import type { EngineCapabilities } from '../../../../shared/contract/engines';

/** Legacy Bull (v4): its own lists per state, no flows, schedulers, cancellation, in-place edits or global limits. */
export const BULL_CAPABILITIES: EngineCapabilities = {
  engine: 'bull',
  // Bull keeps prioritized jobs in its wait list and has no parent/child jobs.
  states: ['waiting', 'active', 'delayed', 'completed', 'failed', 'paused'],
  actions: {
    pause: true,
    clean: true,
    drain: true,
    obliterate: true,
    remove: true,
    retry: true,
    promote: true,
    revoke: false,
    flows: false,
    workers: true,
    tasks: false,
    schedulers: false,
    cancel: false,
    edit: false,
    limits: false,
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
    // The queue's own Bull workers would run an expired job all the same.
    expiry: false,
  },
  logs: true,
  progress: true,
  exactCounts: true,
  usesPrefix: true,
};
