import { BullmqDriver } from './drivers/bullmq/driver';
import { CeleryDriver } from './drivers/celery/driver';
import type { EngineRegistry } from './service';

/** Every engine the host drives; only this file and the drivers' folders know their classes. */
export const engineRegistry: EngineRegistry = {
  bullmq: { make: (options, prefix) => new BullmqDriver(options, prefix), usesPrefix: true },
  celery: { make: (options) => new CeleryDriver(options), usesPrefix: false },
};
