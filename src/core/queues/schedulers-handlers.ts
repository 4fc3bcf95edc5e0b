import { ApiError } from '../../shared/result';
import type { HandlerMap } from '../context';
import type { QueueDriver } from './driver';
import { requireCapability } from './capabilities';
import type { QueueService } from './service';

export type SchedulersMethod =
  'schedulers.list' | 'schedulers.upsert' | 'schedulers.remove' | 'schedulers.run';

/** The driver's scheduler methods, or UNSUPPORTED naming the engine (Celery schedules through beat). */
function schedulersOf(
  driver: QueueDriver,
): Required<Pick<QueueDriver, 'listSchedulers' | 'upsertScheduler' | 'removeScheduler' | 'runScheduler'>> {
  requireCapability(driver, 'schedulers', 'job schedulers (use beat schedules instead)');
  const { listSchedulers, upsertScheduler, removeScheduler, runScheduler } = driver;
  if (!listSchedulers || !upsertScheduler || !removeScheduler || !runScheduler)
    throw new ApiError('UNSUPPORTED', `the ${driver.kind} driver lacks job schedulers`);
  return {
    listSchedulers: listSchedulers.bind(driver),
    upsertScheduler: upsertScheduler.bind(driver),
    removeScheduler: removeScheduler.bind(driver),
    runScheduler: runScheduler.bind(driver),
  };
}

export function schedulersHandlers(service: QueueService): HandlerMap<SchedulersMethod> {
  const of = (engine: Parameters<QueueService['driver']>[0], prefix: string) =>
    schedulersOf(service.driver(engine, prefix));
  return {
    'schedulers.list': ({ queue, prefix, engine }) => of(engine, prefix).listSchedulers(queue),
    'schedulers.upsert': (spec) => of(spec.engine, spec.prefix).upsertScheduler(spec),
    'schedulers.remove': async ({ queue, prefix, engine, id }) => ({
      removed: await of(engine, prefix).removeScheduler(queue, id),
    }),
    'schedulers.run': async ({ queue, prefix, engine, id }) => ({
      jobId: await of(engine, prefix).runScheduler(queue, id),
    }),
  };
}
