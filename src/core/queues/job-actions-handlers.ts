import type { BulkInput, BulkResult } from '../../shared/contract/job-actions';
import { ApiError } from '../../shared/result';
import { requireConfirm } from '../confirm';
import type { HandlerMap } from '../context';
import { requireCapability, requireState } from './capabilities';
import type { QueueDriver } from './driver';
import type { QueueService } from './service';

export type JobActionsMethod =
  'jobs.cancel' | 'jobs.bulk' | 'jobs.update' | 'jobs.addLog' | 'jobs.removeDeduplication';

/** Ids of a state's jobs matching a search are read this many at a time. */
const MATCH_PAGE = 1000;
/** Jobs acted on at once: enough to hide round trips, few enough not to flood Redis. */
const IN_FLIGHT = 16;
const FAILED_SHOWN = 100;

function method<K extends keyof QueueDriver>(driver: QueueDriver, name: K): NonNullable<QueueDriver[K]> {
  const fn = driver[name];
  if (typeof fn !== 'function') throw new ApiError('UNSUPPORTED', `the ${driver.kind} driver lacks ${name}`);
  return (fn as (...a: unknown[]) => unknown).bind(driver) as NonNullable<QueueDriver[K]>;
}

/** The ids a bulk action applies to: the ones given, or every match of the search in the state. */
async function selection(
  driver: QueueDriver,
  spec: BulkInput,
): Promise<{ ids: string[]; truncated: boolean }> {
  if (spec.ids) return { ids: [...new Set(spec.ids)], truncated: false };
  const { state, search } = spec.match!;
  requireState(driver, state);
  const ids: string[] = [];
  let truncated = false;
  for (let offset = 0; ; offset += MATCH_PAGE) {
    const page = await driver.listJobs(spec.queue, {
      state,
      offset,
      limit: MATCH_PAGE,
      order: 'oldest',
      search,
    });
    ids.push(...page.jobs.map((j) => j.id));
    truncated ||= Boolean(page.truncated);
    if (page.jobs.length < MATCH_PAGE || offset + MATCH_PAGE >= page.total) break;
  }
  return { ids, truncated };
}

async function runBulk(driver: QueueDriver, spec: BulkInput): Promise<BulkResult> {
  const started = Date.now();
  const act = {
    retry: (id: string) => driver.retryJob(spec.queue, id),
    remove: (id: string) => driver.removeJob(spec.queue, id),
    promote: (id: string) => driver.promoteJob(spec.queue, id),
  }[spec.action];
  requireCapability(driver, spec.action, `${spec.action} of jobs`);
  const { ids, truncated } = await selection(driver, spec);
  if (spec.action === 'remove') requireConfirm('removing the selected jobs', ids.length, spec.confirm, 'job');
  const failed: BulkResult['failed'] = [];
  let failedCount = 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        await act(id);
      } catch (err) {
        failedCount++;
        if (failed.length < FAILED_SHOWN)
          failed.push({ id, reason: err instanceof Error ? err.message : String(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, ids.length) }, lane));
  const result: BulkResult = {
    action: spec.action,
    matched: ids.length,
    done: ids.length - failedCount,
    failed,
    failedCount,
    elapsedMs: Date.now() - started,
  };
  if (truncated) result.truncated = true;
  return result;
}

export function jobActionsHandlers(service: QueueService): HandlerMap<JobActionsMethod> {
  return {
    'jobs.cancel': ({ queue, prefix, engine, id, reason }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'cancel', 'cancelling a running job (revoke it instead)');
      return method(driver, 'cancelJob')(queue, id, reason || 'cancelled from QueueDesk');
    },
    'jobs.bulk': (spec) => runBulk(service.driver(spec.engine, spec.prefix), spec),
    'jobs.update': async ({ queue, prefix, engine, id, data, dataJson, priority, delayMs }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'edit', 'editing a job');
      let parsed = data;
      if (dataJson !== undefined) {
        try {
          parsed = JSON.parse(dataJson) as unknown;
        } catch (err) {
          const why = err instanceof Error ? err.message : String(err);
          throw new ApiError('INVALID_INPUT', `dataJson: not valid JSON: ${why}`);
        }
      }
      await method(driver, 'updateJob')(queue, id, { data: parsed, priority, delayMs });
      return driver.getJob(queue, id);
    },
    'jobs.addLog': async ({ queue, prefix, engine, id, line }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'edit', 'adding to a job log');
      return { logCount: await method(driver, 'addJobLog')(queue, id, line) };
    },
    'jobs.removeDeduplication': async ({ queue, prefix, engine, deduplicationId }) => {
      const driver = service.driver(engine, prefix);
      requireCapability(driver, 'edit', 'removing a deduplication id');
      return { removed: await method(driver, 'removeDeduplication')(queue, deduplicationId) };
    },
  };
}
