import type { SharedOptions } from '../connection/client-factory';
import type { EngineCapabilities, EngineName } from '../../shared/contract/engines';
import type { JobEvent, QueueSummary } from '../../shared/contract/queues';
import type { CoreContext } from '../context';
import type { QueueDriver } from './driver';
import { CappedBatcher } from '../capped-batcher';
import { QueueWatch } from './queue-watch';
import { checkClusterPrefix } from './cluster-prefix';

/** Options are the connection's shared ones: on a cluster they name its nodes (drivers that need one server refuse). */
export type DriverMaker = (options: SharedOptions, prefix: string) => QueueDriver;

/** Hands every job event a live feed receives to a listener until the returned function is called. */
export type JobEventTap = (listener: (engine: EngineName, event: JobEvent) => void) => () => void;

/**
 * The engines the host drives: how to make each one's driver, its capabilities, and whether it runs on a Redis
 * Cluster (engines whose layout needs one server are left out of listings there).
 */
export type EngineRegistry = Record<
  EngineName,
  { make: DriverMaker; capabilities: EngineCapabilities; cluster?: boolean }
>;

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
    const all = Object.keys(this.engines) as EngineName[];
    if (this.ctx.connection.status().mode !== 'cluster') return all;
    return all.filter((name) => this.engines[name].cluster);
  }

  /** The driver for an engine and prefix (ignored by engines without one); NOT_CONNECTED while there is no Redis. */
  driver(engine: EngineName, prefix: string): QueueDriver {
    this.ctx.connection.client(); // throws NOT_CONNECTED with the reason
    const options = this.ctx.connection.sharedOptions();
    if (this.engines[engine].capabilities.usesPrefix) checkClusterPrefix(options, prefix);
    const key = JSON.stringify(options);
    if (key !== this.connectionKey) {
      void this.reset();
      this.connectionKey = key;
    }
    const slot = this.slot(engine, prefix);
    let driver = this.drivers.get(slot);
    if (!driver) {
      // Opened from the nodes known now: the seed may be the node a failover took.
      driver = this.engines[engine].make(this.ctx.connection.openOptions(), prefix);
      this.drivers.set(slot, driver);
    }
    return driver;
  }

  /** Every job event, before the UI's batcher may drop some (the per-second metrics count all of them). */
  readonly tap: JobEventTap = (listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Lists an engine's queues under a prefix and keeps them live from then on. The first time, the server's clock
   * is read before the listing, and the feed starts there: a job added while the list was read is not missed.
   */
  async listAndWatch(
    engine: EngineName,
    prefix: string,
    refresh?: boolean,
    since?: number,
  ): Promise<QueueSummary[]> {
    const driver = this.driver(engine, prefix);
    const slot = this.slot(engine, prefix);
    const sinceMs = this.watches.has(slot) ? undefined : (since ?? (await this.serverMs()));
    const queues = await driver.listQueues({ refresh });
    await this.watch(engine, prefix, queues, sinceMs);
    return queues;
  }

  /** Starts the live events and counts of an engine's prefix (once), seeded with a list just read. */
  private async watch(
    engine: EngineName,
    prefix: string,
    queues: QueueSummary[],
    sinceMs: number | undefined,
  ): Promise<void> {
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
    await watch.start(queues, sinceMs);
  }

  /** Something was changed here that sends no job event (pause, clean…): the feed reads counts at once. */
  nudge(engine: EngineName, prefix: string): void {
    this.watches.get(this.slot(engine, prefix))?.nudge();
  }

  private slot(engine: EngineName, prefix: string): string {
    return this.engines[engine].capabilities.usesPrefix ? `${engine}|${prefix}` : engine;
  }

  /**
   * Restarts the feed of every followed prefix that has none (after a switch to another server), all at once and
   * from the moment of the switch: a job added meanwhile, before its engine's turn, is not missed.
   */
  private async refollow(): Promise<void> {
    const missing = [...this.followed].filter(([slot]) => !this.watches.has(slot));
    if (missing.length === 0) return;
    try {
      const sinceMs = await this.serverMs();
      await Promise.allSettled(
        missing.map(([, [engine, prefix]]) => this.listAndWatch(engine, prefix, false, sinceMs)),
      );
    } catch {
      // not reachable after all: the next queues.list starts them
    }
  }

  /** The server's clock in ms (Redis writes stream ids by it, whatever this machine's clock says). */
  private async serverMs(): Promise<number> {
    const [seconds, micros] = await this.ctx.connection.client().time();
    return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  }

  private currentKey(): string {
    try {
      return JSON.stringify(this.ctx.connection.sharedOptions());
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
