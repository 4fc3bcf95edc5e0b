import { ApiError } from '../../shared/result';
import type { HandlerMap } from '../context';
import type { QueueDriver } from './driver';
import { requireCapability } from './capabilities';
import type { QueueService } from './service';

export type LimitsMethod = 'queues.settings' | 'queues.setSettings';

/** The driver's queue-limit methods, or UNSUPPORTED naming the engine (Celery limits per task on its workers). */
function limitsOf(driver: QueueDriver): Required<Pick<QueueDriver, 'queueLimits' | 'setQueueLimits'>> {
  requireCapability(driver, 'limits', 'queue-wide concurrency and rate limits');
  const { queueLimits, setQueueLimits } = driver;
  if (!queueLimits || !setQueueLimits)
    throw new ApiError('UNSUPPORTED', `the ${driver.kind} driver lacks queue-wide limits`);
  return { queueLimits: queueLimits.bind(driver), setQueueLimits: setQueueLimits.bind(driver) };
}

export function limitsHandlers(service: QueueService): HandlerMap<LimitsMethod> {
  return {
    'queues.settings': ({ queue, prefix, engine }) =>
      limitsOf(service.driver(engine, prefix)).queueLimits(queue),
    'queues.setSettings': ({ queue, prefix, engine, concurrency, rateLimit }) =>
      limitsOf(service.driver(engine, prefix)).setQueueLimits(queue, { concurrency, rateLimit }),
  };
}
