/**
 * The n items with the highest score seen so far, in O(log n) per accepted item and O(1) per rejected one
 * (a min-heap on score), so a million keys cost a million comparisons, not a million sorts.
 */
export class TopN<T> {
  private readonly heap: Array<{ score: number; item: T }> = [];

  constructor(private readonly n: number) {}

  /** Whether a score would enter: lets the caller skip building the item. */
  accepts(score: number): boolean {
    return this.heap.length < this.n || score > this.heap[0]!.score;
  }

  add(score: number, item: T): void {
    const h = this.heap;
    if (h.length < this.n) {
      h.push({ score, item });
      this.up(h.length - 1);
    } else if (score > h[0]!.score) {
      h[0] = { score, item };
      this.down(0);
    }
  }

  /** Highest first. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => b.score - a.score).map((e) => e.item);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.score <= h[i]!.score) return;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]!.score < h[m]!.score) m = l;
      if (r < h.length && h[r]!.score < h[m]!.score) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i]!, h[m]!];
      i = m;
    }
  }
}
