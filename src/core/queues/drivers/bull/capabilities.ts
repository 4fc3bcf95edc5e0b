import type { EngineCapabilities } from '../../../../shared/contract/engines';
import { BULLMQ_CAPABILITIES } from '../bullmq/capabilities';

/**
 * Legacy Bull (v4): what BullMQ can do, less flows, schedulers, cancellation, in-place edits and global limits;
 * its own lists per state.
 */
export const BULL_CAPABILITIES: EngineCapabilities = {
  ...BULLMQ_CAPABILITIES,
  engine: 'bull',
  // Bull keeps prioritized jobs in its wait list and has no parent/child jobs.
  states: ['waiting', 'active', 'delayed', 'completed', 'failed', 'paused'],
  actions: {
    ...BULLMQ_CAPABILITIES.actions,
    flows: false,
    schedulers: false,
    cancel: false,
    edit: false,
    limits: false,
  },
  options: {
    ...BULLMQ_CAPABILITIES.options,
    // The queue's own Bull workers would run an expired job all the same.
    expiry: false,
  },
};
