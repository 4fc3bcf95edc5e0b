import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { ApiError } from '../../../../shared/result';
import { queueExists } from './discovery';

/** One BullMQ Queue object per queue name, all on the driver's shared command connection. */
export class QueuePool {
  private readonly queues = new Map<string, Queue>();

  constructor(
    readonly prefix: string,
    readonly redis: Redis,
  ) {}

  /** The Queue object, creating the queue in Redis on first add. */
  get(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.prefix });
      queue.on('error', () => undefined); // surfaced by the failing call instead
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** The Queue object of a queue that exists; NOT_FOUND otherwise. */
  async existing(name: string): Promise<Queue> {
    if (!(await queueExists(this.redis, this.prefix, name))) {
      throw new ApiError('NOT_FOUND', `queue "${name}" not found under prefix "${this.prefix}"`);
    }
    return this.get(name);
  }

  async forget(name: string): Promise<void> {
    const queue = this.queues.get(name);
    this.queues.delete(name);
    await queue?.close();
  }

  async close(): Promise<void> {
    const all = [...this.queues.values()];
    this.queues.clear();
    await Promise.allSettled(all.map((q) => q.close()));
  }
}
