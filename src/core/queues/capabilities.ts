import type { TaskOptions } from '../../shared/contract/task-model';
import { ApiError } from '../../shared/result';
import type { DriverCapabilities, QueueDriver } from './driver';

type Capable = Pick<QueueDriver, 'kind' | 'capabilities'>;

/** UNSUPPORTED, naming the driver, when it lacks a capability; never a silent no-op. */
export function requireCapability(driver: Capable, capability: keyof DriverCapabilities, what: string): void {
  if (!driver.capabilities[capability]) {
    throw new ApiError('UNSUPPORTED', `the ${driver.kind} driver does not support ${what}`);
  }
}

/** Checks the parts of a task a driver would otherwise drop (kwargs, priority, LIFO). */
export function requireTaskSupported(
  driver: Capable,
  task: { kwargs?: Record<string, unknown>; options?: TaskOptions },
): void {
  if (task.kwargs !== undefined) requireCapability(driver, 'kwargs', 'kwargs');
  if (task.options?.priority !== undefined) requireCapability(driver, 'priority', 'options.priority');
  if (task.options?.lifo) requireCapability(driver, 'lifo', 'options.lifo');
}
