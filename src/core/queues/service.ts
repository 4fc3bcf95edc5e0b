import type { RedisOptions } from 'ioredis';
import type { JobEvent, QueueSummary } from '../../shared/contract/queues';
import type { CoreContext } from '../context';
import type { QueueDriver } from './driver';
import { CappedBatcher } from '../capped-batcher';
import { QueueWatch } from './queue-watch';

export type DriverMaker = (options: RedisOptions, prefix: string) => QueueDriver;

/**
 * The drivers of the current connection, one per key prefix, and their live feeds. Everything is dropped and
 * rebuilt lazily when the connection points somewhere else, and closed with the host.
 */
export class QueueService {
  private drivers = new Map<string, QueueDriver>();
  private watches = new Map<string, QueueWatch>();
  private connectionKey = '';
  /** Prefixes someone listed: their feed is started again after the connection moves to another server. */
  private readonly followed = new Set<string>();
  private closed = false;
  private readonly events: CappedBatcher<JobEvent>;

  constructor(
    private readonly ctx: CoreContext,
    private readonly makeDriver: DriverMaker,
  ) {
    this.events = new CappedBatcher(
      (events, dropped) => ctx.emit('queues.events', { events, dropped }),
      200,
      2000,
    );
    ctx.connection.on('changed', (status) => {
      if (this.connectionKey && this.currentKey() !== this.connectionKey) void this.reset();
      if (status.state === 'connected' && !this.closed) void this.refollow();
    });
    ctx.onClose(() => {
      this.closed = true;
      return this.reset();
    });
  }

  /** The driver for a prefix; NOT_CONNECTED while there is no Redis. */
  driver(prefix: string): QueueDriver {
    this.ctx.connection.client(); // throws NOT_CONNECTED with the reason
    const options = this.ctx.connection.connectionOptions();
    const key = JSON.stringify(options);
    if (key !== this.connectionKey) {
      void this.reset();
      this.connectionKey = key;
    }
    let driver = this.drivers.get(prefix);
    if (!driver) {
      driver = this.makeDriver(options, prefix);
      this.drivers.set(prefix, driver);
    }
    return driver;
  }

  /** Starts the live events and counts of a prefix (once), seeded with a list just read. */
  async watch(prefix: string, queues: QueueSummary[]): Promise<void> {
    this.followed.add(prefix);
    if (this.watches.has(prefix)) return;
    const watch = new QueueWatch(this.driver(prefix), {
      onEvent: (e) => this.events.push(e),
      onCounts: (p, list) => this.ctx.emit('queues.counts', { prefix: p, queues: list }),
    });
    this.watches.set(prefix, watch);
    await watch.start(queues);
  }

  /** Something was changed here that sends no job event (pause, clean…): the feed reads counts at once. */
  nudge(prefix: string): void {
    this.watches.get(prefix)?.nudge();
  }

  /** Restarts the feed of every followed prefix that has none (after a switch to another server). */
  private async refollow(): Promise<void> {
    for (const prefix of this.followed) {
      if (this.watches.has(prefix)) continue;
      try {
        await this.watch(prefix, await this.driver(prefix).listQueues());
      } catch {
        // not reachable after all: the next queues.list starts it
      }
    }
  }

  private currentKey(): string {
    try {
      return JSON.stringify(this.ctx.connection.connectionOptions());
    } catch {
      return '';
    }
  }

  private async reset(): Promise<void> {
    const drivers = [...this.drivers.values()];
    const watches = [...this.watches.values()];
    this.drivers = new Map();
    this.watches = new Map();
    this.connectionKey = '';
    this.events.stop();
    await Promise.allSettled(watches.map((w) => w.stop()));
    await Promise.allSettled(drivers.map((d) => d.close()));
  }
}
