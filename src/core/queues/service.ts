import type { RedisOptions } from 'ioredis';
import type { EngineCapabilities, EngineName } from '../../shared/contract/engines';
import type { JobEvent, QueueSummary } from '../../shared/contract/queues';
import type { CoreContext } from '../context';
import type { QueueDriver } from './driver';
import { CappedBatcher } from '../capped-batcher';
import { QueueWatch } from './queue-watch';

export type DriverMaker = (options: RedisOptions, prefix: string) => QueueDriver;

/** Hands every job event a live feed receives to a listener until the returned function is called. */
export type JobEventTap = (listener: (engine: EngineName, event: JobEvent) => void) => () => void;

/** The engines the host drives: how to make each one's driver, and whether its drivers differ by key prefix. */
export type EngineRegistry = Record<EngineName, { make: DriverMaker; capabilities: EngineCapabilities }>;

/**
 * The drivers of the current connection, one per engine and key prefix, and their live feeds. Everything is
 * dropped and rebuilt lazily when the connection points somewhere else, and closed with the host.
 */
export class QueueService {
  private drivers = new Map<string, QueueDriver>();
  private watches = new Map<string, QueueWatch>();
  private connectionKey = '';
  /** Engine/prefix pairs someone listed: their feed is started again after the connection moves. */
  private readonly followed = new Map<string, [EngineName, string]>();
  private closed = false;
  private readonly events: CappedBatcher<JobEvent>;
  private readonly listeners = new Set<(engine: EngineName, event: JobEvent) => void>();

  constructor(
    private readonly ctx: CoreContext,
    readonly engines: EngineRegistry,
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

  engineNames(): EngineName[] {
    return Object.keys(this.engines) as EngineName[];
  }

  /** The driver for an engine and prefix (ignored by engines without one); NOT_CONNECTED while there is no Redis. */
  driver(engine: EngineName, prefix: string): QueueDriver {
    this.ctx.connection.client(); // throws NOT_CONNECTED with the reason
    const options = this.ctx.connection.connectionOptions();
    const key = JSON.stringify(options);
    if (key !== this.connectionKey) {
      void this.reset();
      this.connectionKey = key;
    }
    const slot = this.slot(engine, prefix);
    let driver = this.drivers.get(slot);
    if (!driver) {
      driver = this.engines[engine].make(options, prefix);
      this.drivers.set(slot, driver);
    }
    return driver;
  }

  /** Every job event, before the UI's batcher may drop some (the per-second metrics count all of them). */
  readonly tap: JobEventTap = (listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts the live events and counts of an engine's prefix (once), seeded with a list just read. */
  async watch(engine: EngineName, prefix: string, queues: QueueSummary[]): Promise<void> {
    const slot = this.slot(engine, prefix);
    this.followed.set(slot, [engine, prefix]);
    if (this.watches.has(slot)) return;
    const watch = new QueueWatch(this.driver(engine, prefix), {
      onEvent: (e) => {
        for (const listener of this.listeners) listener(engine, e);
        this.events.push(e);
      },
      onCounts: (p, list) => this.ctx.emit('queues.counts', { prefix: p, engine, queues: list }),
    });
    this.watches.set(slot, watch);
    await watch.start(queues);
  }

  /** Something was changed here that sends no job event (pause, clean…): the feed reads counts at once. */
  nudge(engine: EngineName, prefix: string): void {
    this.watches.get(this.slot(engine, prefix))?.nudge();
  }

  private slot(engine: EngineName, prefix: string): string {
    return this.engines[engine].capabilities.usesPrefix ? `${engine}|${prefix}` : engine;
  }

  /** Restarts the feed of every followed prefix that has none (after a switch to another server). */
  private async refollow(): Promise<void> {
    for (const [slot, [engine, prefix]] of this.followed) {
      if (this.watches.has(slot)) continue;
      try {
        await this.watch(engine, prefix, await this.driver(engine, prefix).listQueues());
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
