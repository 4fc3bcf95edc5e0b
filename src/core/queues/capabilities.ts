import type { EngineAction, EngineCapabilities } from '../../shared/contract/engines';
import type { LinkedTask } from '../../shared/contract/queues';
import type { TaskOptions } from '../../shared/contract/task-model';
import { ApiError } from '../../shared/result';

interface Capable {
  kind: string;
  capabilities: EngineCapabilities;
}

function unsupported(driver: Capable, what: string): never {
  throw new ApiError('UNSUPPORTED', `the ${driver.kind} driver does not support ${what}`);
}

/** UNSUPPORTED, naming the driver, when it lacks an action; never a silent no-op. */
export function requireCapability(driver: Capable, action: EngineAction, what: string): void {
  if (!driver.capabilities.actions[action]) unsupported(driver, what);
}

/** UNSUPPORTED for a job list state the engine has no record of. */
export function requireState(driver: Capable, state: string): void {
  if (!(driver.capabilities.states as string[]).includes(state)) unsupported(driver, `listing ${state} jobs`);
}

/** Checks the parts of a task a driver would otherwise drop (kwargs, priority, LIFO, retries, links…). */
export function requireTaskSupported(
  driver: Capable,
  task: {
    kwargs?: Record<string, unknown>;
    options?: TaskOptions;
    link?: LinkedTask[];
    linkError?: LinkedTask[];
  },
): void {
  const can = driver.capabilities.options;
  const o = task.options ?? {};
  const checks: Array<[boolean, boolean, string]> = [
    [task.kwargs !== undefined, can.kwargs, 'kwargs'],
    [o.priority !== undefined, can.priority, 'options.priority'],
    [o.lifo === true, can.lifo, 'options.lifo'],
    [o.attempts !== undefined || o.backoff !== undefined, can.attempts, 'options.attempts/backoff'],
    [
      o.removeOnComplete !== undefined || o.removeOnFail !== undefined,
      can.removeOnFinish,
      'options.removeOn*',
    ],
    [o.timeLimitSec !== undefined || o.softTimeLimitSec !== undefined, can.timeLimits, 'time limits'],
    [task.link !== undefined || task.linkError !== undefined, can.links, 'link / linkError'],
    [o.expiresMs !== undefined, can.expiry, 'options.expiresMs'],
  ];
  for (const [given, supported, what] of checks) if (given && !supported) unsupported(driver, what);
}
