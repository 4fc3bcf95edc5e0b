import { describe, expect, it } from 'vitest';
import { requireCapability, requireTaskSupported } from '../../../src/core/queues/capabilities';
import type { DriverCapabilities } from '../../../src/core/queues/driver';

const none: DriverCapabilities = {
  flows: false,
  priority: false,
  lifo: false,
  pause: false,
  logs: false,
  workers: false,
  kwargs: false,
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

  it('rejects kwargs and options the driver would drop', () => {
    expect(() => requireTaskSupported(limited, { options: { priority: 1 } })).toThrow(/options\.priority/);
    expect(() => requireTaskSupported(limited, { options: { lifo: true } })).toThrow(/options\.lifo/);
    expect(() => requireTaskSupported(limited, { kwargs: { a: 1 } })).toThrow(/does not support kwargs/);
    expect(() => requireTaskSupported(limited, { options: { lifo: false, attempts: 3 } })).not.toThrow();
    expect(() => requireTaskSupported(full, { options: { priority: 1, lifo: true } })).not.toThrow();
    expect(() =>
      requireTaskSupported({ ...full, capabilities: { ...full.capabilities, kwargs: true } }, { kwargs: {} }),
    ).not.toThrow();
  });
});
