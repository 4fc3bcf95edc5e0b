/**
 * Collects items and hands them over at most every `intervalMs` (DESIGN: events to the UI are batched,
 * never one per item). `flush()` delivers what is left at once, e.g. on the last page.
 */
export class Batcher<T> {
  private items: T[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (items: T[]) => void,
  ) {}

  add(items: T[]): void {
    for (const item of items) this.items.push(item);
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
