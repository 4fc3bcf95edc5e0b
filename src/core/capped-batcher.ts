/**
 * Collects items and hands them over in batches every `intervalMs`, keeping the newest `max` per batch (older
 * ones are counted as dropped): high-rate streams (job events, logs) reach the UI as a few messages a second.
 */
export class CappedBatcher<T> {
  private items: T[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly flushTo: (items: T[], dropped: number) => void,
    private readonly intervalMs = 150,
    private readonly max = 500,
  ) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.max) {
      this.items.shift();
      this.dropped++;
    }
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Whether the batch holds `max` items: a push now drops one. */
  get full(): boolean {
    return this.items.length >= this.max;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.items.length === 0 && this.dropped === 0) return;
    const items = this.items;
    const dropped = this.dropped;
    this.items = [];
    this.dropped = 0;
    this.flushTo(items, dropped);
  }

  /** Drops what is waiting without handing it over (the source went away). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.items = [];
    this.dropped = 0;
  }
}
