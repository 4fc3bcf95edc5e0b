/**
 * Collects items and hands them over every `intervalMs`, or as soon as `maxItems` are waiting (DESIGN: events
 * to the UI are batched, never one per item; the size cap keeps each frame, and this process, small).
 * `flush()` delivers what is left at once, e.g. on the last page.
 */
export class Batcher<T> {
  private items: T[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (items: T[]) => void,
    private readonly maxItems = Infinity,
  ) {}

  add(items: T[]): void {
    for (const item of items) this.items.push(item);
    if (this.items.length >= this.maxItems) return this.flush();
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const out = this.items;
    this.items = [];
    this.deliver(out);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.items = [];
  }
}
