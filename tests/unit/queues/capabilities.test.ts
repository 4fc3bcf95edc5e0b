import { describe, expect, it } from 'vitest';
import { requireCapability, requireOptionsSupported } from '../../../src/core/queues/capabilities';
import type { DriverCapabilities } from '../../../src/core/queues/driver';

const none: DriverCapabilities = {
  flows: false,
  priority: false,
  lifo: false,
  pause: false,
  logs: false,
  workers: false,
};
const limited = { kind: 'celery', capabilities: none };
const full = { kind: 'bullmq', capabilities: { ...none, flows: true, priority: true, lifo: true } };

describe('driver capabilities', () => {
  it('answers UNSUPPORTED, naming the driver and the feature', () => {
    expect(() => requireCapability(limited, 'flows', 'flows')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', message: 'the celery driver does not support flows' }),
    );
    expect(() => requireCapability(full, 'flows', 'flows')).not.toThrow();
  });

  it('rejects options the driver would drop', () => {
    expect(() => requireOptionsSupported(limited, { priority: 1 })).toThrow(/options\.priority/);
    expect(() => requireOptionsSupported(limited, { lifo: true })).toThrow(/options\.lifo/);
    expect(() => requireOptionsSupported(limited, { lifo: false, attempts: 3 })).not.toThrow();
    expect(() => requireOptionsSupported(full, { priority: 1, lifo: true })).not.toThrow();
  });
});
