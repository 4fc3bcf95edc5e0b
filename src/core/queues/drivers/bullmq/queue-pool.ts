import { Queue } from 'bullmq';
import type { AnyRedis } from '../../../connection/any-redis';
import { QueueObjects } from '../../queue-objects';
import { queueExists } from './discovery';

/** One BullMQ Queue object per queue name, all on the driver's shared command connection. */
export class QueuePool extends QueueObjects<Queue> {
  constructor(
    readonly prefix: string,
    readonly redis: AnyRedis,
  ) {
    // The Queue object creates the queue in Redis on its first add.
    super(
      (name) => {
        const queue = new Queue(name, { connection: redis, prefix });
        queue.on('error', () => undefined); // surfaced by the failing call instead
        return queue;
      },
      { exists: (name) => queueExists(redis, prefix, name), label: 'queue', prefix },
    );
  }
}
