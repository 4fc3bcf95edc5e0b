import type { CountSource } from '../../../../shared/contract';

/** What the panel says about where its counts come from, so a figure can be trusted for what it is. */
export const SOURCE_TEXT: Record<CountSource, { short: string; long: string }> = {
  'bullmq-metrics': {
    short: "BullMQ's metrics",
    long: "Counted by BullMQ's own metrics (workers started with the metrics option), jobs removed on completion included.",
  },
  events: {
    short: 'live events',
    long: 'Counted from the job events QueueDesk received while it followed the queue, jobs removed on completion included.',
  },
  sets: {
    short: 'kept jobs',
    long: "Counted from the finished jobs Redis still keeps: jobs removed on completion are missing. Start the app's workers with BullMQ's metrics option to count them all.",
  },
};
