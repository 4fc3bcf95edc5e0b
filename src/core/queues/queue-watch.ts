import type { JobEvent, QueueSummary } from '../../shared/contract/queues';
import type { QueueDriver } from './driver';

const POLL_MS = 1000;

export interface WatchSinks {
  onEvent(event: JobEvent): void;
  onCounts(prefix: string, queues: QueueSummary[]): void;
}

/**
 * Keeps one prefix live: polls the queue list each second (new queues get an event stream, gone ones lose it)
 * and reports counts when they change.
 */
export class QueueWatch {
  private readonly streams = new Map<string, Promise<() => Promise<void>>>();
  private timer: NodeJS.Timeout | null = null;
  private lastCounts = '';
  private stopped = false;

  constructor(
    private readonly driver: QueueDriver,
    private readonly sinks: WatchSinks,
  ) {}

  start(initial?: QueueSummary[]): void {
    if (initial) this.apply(initial);
    this.schedule();
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
    try {
      this.apply(await this.driver.listQueues());
    } catch {
      // Redis away for a moment: try again on the next tick
    }
    this.schedule();
  }

  private apply(queues: QueueSummary[]): void {
    if (this.stopped) return;
    const names = new Set(queues.map((q) => q.name));
    for (const name of names) {
      if (this.streams.has(name)) continue;
      const stream = this.driver.watch([name], (e) => this.sinks.onEvent(e));
      stream.catch(() => this.streams.delete(name)); // retried on the next poll
      this.streams.set(name, stream);
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
  }
}
