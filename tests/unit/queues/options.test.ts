import { describe, expect, it } from 'vitest';
import { TaskOptions } from '../../../src/shared/contract/task-model';
import {
  fromBullJobOptions,
  isExpired,
  toBullJobOptions,
} from '../../../src/core/queues/drivers/bullmq/options';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const EVERY_OPTION = TaskOptions.parse({
  delayMs: 1500,
  priority: 3,
  attempts: 4,
  backoff: { type: 'exponential', delayMs: 200, jitter: 0.5 },
  jobId: 'order-7',
  removeOnComplete: 10,
  removeOnFail: true,
  lifo: true,
  expiresMs: 1000,
});

describe('toBullJobOptions', () => {
  it('gives no options when none are set', () => {
    expect(toBullJobOptions(undefined, NOW)).toEqual({});
    expect(toBullJobOptions({}, NOW)).toEqual({});
  });

  it('maps every task option to its BullMQ counterpart', () => {
    expect(toBullJobOptions(EVERY_OPTION, NOW)).toEqual({
      delay: 1500,
      priority: 3,
      attempts: 4,
      backoff: { type: 'exponential', delay: 200, jitter: 0.5 },
      jobId: 'order-7',
      removeOnComplete: 10,
      removeOnFail: true,
      lifo: true,
      expiresAt: NOW + 1500 + 1000,
      timestamp: NOW,
    });
  });

  it('turns an ETA into the delay left, and a past ETA into none', () => {
    expect(toBullJobOptions({ eta: '2026-01-01T00:00:05Z' }, NOW).delay).toBe(5000);
    expect(toBullJobOptions({ eta: '2025-12-31T23:00:00Z' }, NOW).delay).toBeUndefined();
  });

  it('counts expiry from when the job is due', () => {
    const out = toBullJobOptions({ eta: '2026-01-01T00:00:02Z', expiresMs: 500 }, NOW);
    expect(isExpired(out, NOW + 2400)).toBe(false);
    expect(isExpired(out, NOW + 2600)).toBe(true);
    expect(isExpired({}, NOW + 1e9)).toBe(false);
  });

  it('rebuilds the task options from the stored ones, for edit and add again', () => {
    expect(fromBullJobOptions(toBullJobOptions(EVERY_OPTION, NOW), NOW)).toEqual(EVERY_OPTION);
    expect(fromBullJobOptions({ attempts: 0, backoff: 300, removeOnComplete: { count: 5 } }, NOW)).toEqual({
      backoff: { type: 'fixed', delayMs: 300 },
    });
    expect(fromBullJobOptions({ backoff: { type: 'custom', delay: 5 } }, NOW)).toEqual({});
  });
});
