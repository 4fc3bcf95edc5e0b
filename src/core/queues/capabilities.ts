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

/** Checks the task options a driver would otherwise drop (priority, LIFO). */
export function requireOptionsSupported(driver: Capable, options: TaskOptions | undefined): void {
  if (options?.priority !== undefined) requireCapability(driver, 'priority', 'options.priority');
  if (options?.lifo) requireCapability(driver, 'lifo', 'options.lifo');
}
