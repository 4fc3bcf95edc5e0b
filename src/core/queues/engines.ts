import { BullmqDriver } from './drivers/bullmq/driver';
import { BULLMQ_CAPABILITIES } from './drivers/bullmq/capabilities';
import { BULL_CAPABILITIES } from './drivers/bull/capabilities';
import { BullDriver } from './drivers/bull/driver';
import { CELERY_CAPABILITIES } from './drivers/celery/capabilities';
import { CeleryDriver } from './drivers/celery/driver';
import type { EngineRegistry } from './service';

/** Every engine the host drives; only this file and the drivers' folders know their classes. */
export const engineRegistry: EngineRegistry = {
  bullmq: {
    make: (options, prefix) => new BullmqDriver(options, prefix),
    capabilities: BULLMQ_CAPABILITIES,
    cluster: true,
  },
  celery: { make: (options) => new CeleryDriver(options), capabilities: CELERY_CAPABILITIES },
  bull: { make: (options, prefix) => new BullDriver(options, prefix), capabilities: BULL_CAPABILITIES },
};
