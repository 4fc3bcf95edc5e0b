import Bull from 'bull';
import type { Redis, RedisOptions } from 'ioredis';
import { ApiError } from '../../../../shared/result';
import { bullQueueExists } from './discovery';

/**
 * One of Bull's own Queue objects per queue name. Bull opens its command connection per Queue (and a subscriber
 * once events are watched), so Queue objects are made only for queues acted on or watched, never for listing.
 */
export class BullQueuePool {
  private readonly queues = new Map<string, Bull.Queue>();

  constructor(
    readonly prefix: string,
    readonly redis: Redis,
    private readonly options: RedisOptions,
  ) {}

  get(name: string): Bull.Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      // Bull's typings name its own ioredis; the options are the same plain object.
      const redis = { ...this.options, connectionName: undefined } as unknown as Bull.QueueOptions['redis'];
      queue = new Bull(name, { prefix: this.prefix, redis });
      queue.on('error', () => undefined); // surfaced by the failing call instead
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** The Queue object of a Bull queue that exists; NOT_FOUND otherwise. */
  async existing(name: string): Promise<Bull.Queue> {
    if (!(await bullQueueExists(this.redis, this.prefix, name)))
      throw new ApiError('NOT_FOUND', `Bull queue "${name}" not found under prefix "${this.prefix}"`);
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
