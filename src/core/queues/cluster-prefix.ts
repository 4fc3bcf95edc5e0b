import { ApiError } from '../../shared/result';
import type { SharedOptions } from '../connection/client-factory';
import { hasHashTag } from '../connection/any-redis';

/**
 * On a Redis Cluster BullMQ's scripts touch many keys of a queue (and of a flow's queues) at once, which Redis
 * allows only within one hash slot: the prefix must carry a hash tag. Refused up front with what to use instead,
 * rather than a CROSSSLOT error from the middle of a script.
 */
export function checkClusterPrefix(shared: SharedOptions, prefix: string): void {
  if (!shared.clusterNodes || hasHashTag(prefix)) return;
  const own = prefix === 'bull' ? '' : ` (or "{${prefix}}")`;
  throw new ApiError(
    'UNSUPPORTED',
    `prefix "${prefix}" has no hash tag: on a Redis Cluster BullMQ needs all keys of its queues in one hash ` +
      `slot; use a prefix in braces such as "{bull}"${own}`,
  );
}
