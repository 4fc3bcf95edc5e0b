import type { JobEvent, QueueSummary } from '../../shared/contract/queues';
import type { FeedStart, QueueDriver } from './driver';

const POLL_MS = 1000;
/** With no job events and no change made here, counts are read this rarely (pauses, cleans made elsewhere). */
const QUIET_POLL_MS = 5000;

export interface WatchSinks {
  onEvent(event: JobEvent): void;
  onCounts(prefix: string, queues: QueueSummary[]): void;
}

/**
 * Keeps one prefix live: polls the queue list (new queues get an event stream, gone ones lose it) and reports
 * counts when they change. Each second while job events come or something was changed here, every few seconds
 * when all is quiet. The poll is cheap whatever the keyspace size: the driver answers from the queues it knows
 * and looks for new ones slowly in the background.
 */
export class QueueWatch {
  private readonly streams = new Map<string, Promise<() => Promise<void>>>();
  private timer: NodeJS.Timeout | null = null;
  private lastCounts = '';
  private stopped = false;
  /**
   * Whether counts may have moved since the last poll (a job event, or a change made through QueueDesk). True
   * at first: a change made while the feed was being set up could not nudge it.
   */
  private dirty = true;
  private lastPoll = Date.now();

  constructor(
    private readonly driver: QueueDriver,
    private readonly sinks: WatchSinks,
  ) {}

  /**
   * Resolves once the initial queues' streams are read. With `sinceMs` (the server's clock before `initial` was
   * listed) nothing written after the listing began is missed; without it, nothing after this call.
   */
  async start(initial: QueueSummary[], sinceMs?: number): Promise<void> {
    const ready = this.apply(initial, sinceMs === undefined ? 'now' : { sinceMs });
    this.schedule();
    await Promise.allSettled(ready);
  }

  /** Counts may have changed without a job event (pause, clean, drain…): read them on the next tick. */
  nudge(): void {
    this.dirty = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const streams = [...this.streams.values()];
    this.streams.clear();
    await Promise.allSettled(streams.map(async (s) => (await s)()));
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.poll(), POLL_MS);
  }

  private async poll(): Promise<void> {
    if (!this.dirty && Date.now() - this.lastPoll < QUIET_POLL_MS) return this.schedule();
    this.dirty = false;
    this.lastPoll = Date.now();
    try {
      // Queues found now are new since start: follow them from their first event.
      await Promise.allSettled(this.apply(await this.driver.listQueues({ poll: true }), 'start'));
    } catch {
      // Redis away for a moment: try again on the next tick
    }
    this.schedule();
  }

  /** Follows new queues and drops gone ones; returns the streams it started. */
  private apply(queues: QueueSummary[], from: FeedStart): Array<Promise<unknown>> {
    if (this.stopped) return [];
    const started: Array<Promise<unknown>> = [];
    const names = new Set(queues.map((q) => q.name));
    for (const name of names) {
      if (this.streams.has(name)) continue;
      const stream = this.driver.watch(
        [name],
        (e) => {
          this.dirty = true;
          this.sinks.onEvent(e);
        },
        from,
      );
      stream.catch(() => this.streams.delete(name)); // retried on the next poll
      this.streams.set(name, stream);
      started.push(stream);
    }
    for (const [name, stream] of this.streams) {
      if (names.has(name)) continue;
      this.streams.delete(name);
      void stream.then((stop) => stop()).catch(() => undefined);
    }
    const counts = JSON.stringify(queues);
    if (counts !== this.lastCounts) {
      this.lastCounts = counts;
      this.sinks.onCounts(this.driver.prefix, queues);
    }
    return started;
  }
}
