import Bull from 'bull';
import type { Redis, RedisOptions } from 'ioredis';
import { QueueObjects } from '../../queue-objects';
import { bullQueueExists } from './discovery';

/**
 * One of Bull's own Queue objects per queue name. Bull opens its command connection per Queue (and a subscriber
 * once events are watched), so Queue objects are made only for queues acted on or watched, never for listing.
 */
export class BullQueuePool extends QueueObjects<Bull.Queue> {
  constructor(
    readonly prefix: string,
    readonly redis: Redis,
    options: RedisOptions,
  ) {
    super(
      (name) => {
        // Bull's typings name its own ioredis; the options are the same plain object.
        const redis = { ...options, connectionName: undefined } as unknown as Bull.QueueOptions['redis'];
        const queue = new Bull(name, { prefix, redis });
        queue.on('error', () => undefined); // surfaced by the failing call instead
        return queue;
      },
      { exists: (name) => bullQueueExists(redis, prefix, name), label: 'Bull queue', prefix },
    );
  }
}
