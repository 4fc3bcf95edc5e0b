import { describe, expect, it } from 'vitest';
import { requireCapability, requireState, requireTaskSupported } from '../../../src/core/queues/capabilities';
import { CELERY_CAPABILITIES } from '../../../src/core/queues/drivers/celery/capabilities';
import type { DriverCapabilities } from '../../../src/core/queues/driver';

const none: DriverCapabilities = {
  ...CELERY_CAPABILITIES,
  states: ['waiting'],
  actions: Object.fromEntries(Object.keys(CELERY_CAPABILITIES.actions).map((k) => [k, false])) as DriverCapabilities['actions'],
  options: Object.fromEntries(Object.keys(CELERY_CAPABILITIES.options).map((k) => [k, false])) as DriverCapabilities['options'],
};
const limited = { kind: 'celery', capabilities: none };
const full = {
  kind: 'bullmq',
  capabilities: { ...none, actions: { ...none.actions, flows: true }, options: { ...none.options, priority: true, lifo: true } },
};

describe('driver capabilities', () => {
  it('answers UNSUPPORTED, naming the driver and the feature', () => {
    expect(() => requireCapability(limited, 'flows', 'flows')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', message: 'the celery driver does not support flows' }),
    );
    expect(() => requireCapability(full, 'flows', 'flows')).not.toThrow();
    expect(() => requireState(limited, 'completed')).toThrow(/listing completed jobs/);
    expect(() => requireState(limited, 'waiting')).not.toThrow();
  });

  it('rejects kwargs and options the driver would drop', () => {
    expect(() => requireTaskSupported(limited, { options: { priority: 1 } })).toThrow(/options\.priority/);
    expect(() => requireTaskSupported(limited, { options: { lifo: true } })).toThrow(/options\.lifo/);
    expect(() => requireTaskSupported(limited, { kwargs: { a: 1 } })).toThrow(/does not support kwargs/);
    expect(() => requireTaskSupported(limited, { options: { attempts: 3 } })).toThrow(/attempts/);
    expect(() => requireTaskSupported(limited, { options: { timeLimitSec: 3 } })).toThrow(/time limits/);
    expect(() => requireTaskSupported(limited, { link: [] })).toThrow(/link/);
    expect(() => requireTaskSupported(limited, { options: { lifo: false } })).not.toThrow();
    expect(() => requireTaskSupported(full, { options: { priority: 1, lifo: true } })).not.toThrow();
    expect(() => requireTaskSupported(CELERY_CAPABILITIES_TARGET, { kwargs: {}, options: { priority: 0 } })).not.toThrow();
  });
});

const CELERY_CAPABILITIES_TARGET = { kind: 'celery', capabilities: CELERY_CAPABILITIES };
