/**
 * Collects items and hands them over in batches every `intervalMs`, keeping at most `cap` per batch (the newest)
 * and counting the rest as dropped, so a burst of thousands of job events is a handful of UI messages.
 */
export class EventBatcher<T> {
  private items: T[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly flush: (items: T[], dropped: number) => void,
    private readonly intervalMs = 200,
    private readonly cap = 2000,
  ) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.cap) {
      this.items.shift();
      this.dropped++;
    }
    this.timer ??= setTimeout(() => this.emit(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.items = [];
    this.dropped = 0;
  }

  private emit(): void {
    this.timer = null;
    const items = this.items;
    const dropped = this.dropped;
    this.items = [];
    this.dropped = 0;
    if (items.length || dropped) this.flush(items, dropped);
  }
}
