import { ApiError } from '../../shared/result';

/** How a pool tells a queue that exists from a name nobody used, and what it calls the queue when it is not found. */
export interface QueueLookup {
  exists(name: string): Promise<boolean>;
  /** e.g. "queue", "Bull queue" */
  label: string;
  prefix: string;
}

/**
 * A driver's queue objects (BullMQ's or Bull's Queue), one per name, made on first use; closed when the queue is
 * forgotten or the driver closes.
 */
export class QueueObjects<Q extends { close(): Promise<unknown> }> {
  private readonly queues = new Map<string, Q>();

  constructor(
    private readonly make: (name: string) => Q,
    private readonly lookup: QueueLookup,
  ) {}

  /** The queue object of a queue that exists; NOT_FOUND otherwise (and no object is made). */
  async existing(name: string): Promise<Q> {
    if (!(await this.lookup.exists(name))) {
      const { label, prefix } = this.lookup;
      throw new ApiError('NOT_FOUND', `${label} "${name}" not found under prefix "${prefix}"`);
    }
    return this.get(name);
  }

  get(name: string): Q {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.make(name);
      this.queues.set(name, queue);
    }
    return queue;
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
