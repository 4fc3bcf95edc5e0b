/** What a table reads rows from: a plain array or a PackedList. */
export interface Rows<T> {
  readonly length: number;
  at(i: number): T | undefined;
}

interface Page {
  start: number;
  text: string;
  /** End offset of each element's JSON in `text`. */
  ends: Uint32Array;
}

const CACHE = 1024;

/**
 * Elements of a collection loaded whole, kept as JSON text a page per string: 200k elements are a few
 * hundred heap objects instead of ~600k, so the garbage collector has nothing to walk and never stalls
 * the page. Rows are parsed back only when shown (and cached a little).
 */
export class PackedList<T> implements Rows<T> {
  private readonly pages: Page[] = [];
  private count = 0;
  private readonly cache = new Map<number, T>();

  get length(): number {
    return this.count;
  }

  push(items: readonly T[]): void {
    if (!items.length) return;
    // One join, not `+=`: a flat string, so searching it later does not first copy a rope.
    const parts = items.map((x) => JSON.stringify(x));
    const ends = new Uint32Array(items.length);
    let end = 0;
    for (let i = 0; i < parts.length; i++) ends[i] = end += parts[i]!.length;
    this.pages.push({ start: this.count, text: parts.join(''), ends });
    this.count += items.length;
  }

  at(i: number): T | undefined {
    if (i < 0 || i >= this.count) return undefined;
    const hit = this.cache.get(i);
    if (hit) return hit;
    const page = this.pageOf(i);
    const j = i - page.start;
    const item = JSON.parse(page.text.slice(j ? page.ends[j - 1] : 0, page.ends[j])) as T;
    if (this.cache.size >= CACHE) this.cache.clear();
    this.cache.set(i, item);
    return item;
  }

  /** The element whose first property `key` is `id` (as text), found by searching the JSON, not parsing it. */
  findBy(key: string, id: string): T | undefined {
    const needles = [`{"${key}":${JSON.stringify(id)}`, ...(/^-?\d+$/.test(id) ? [`{"${key}":${id}`] : [])];
    for (const page of this.pages) {
      for (const needle of needles) {
        for (let at = page.text.indexOf(needle); at >= 0; at = page.text.indexOf(needle, at + 1)) {
          const next = page.text[at + needle.length];
          if (next !== ',' && next !== '}') continue;
          const j = this.elementAt(page, at);
          if (j >= 0) return this.at(page.start + j);
        }
      }
    }
    return undefined;
  }

  private pageOf(i: number): Page {
    let lo = 0;
    let hi = this.pages.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.pages[mid]!.start <= i) lo = mid;
      else hi = mid - 1;
    }
    return this.pages[lo]!;
  }

  /** The element that starts exactly at `offset` in the page, or −1 (the needle matched inside a value). */
  private elementAt(page: Page, offset: number): number {
    let lo = 0;
    let hi = page.ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (page.ends[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    const start = lo ? page.ends[lo - 1]! : 0;
    return start === offset ? lo : -1;
  }
}

/** The element of `rows` whose `key` is `id`. */
export function findRow<T>(rows: Rows<T>, key: keyof T & string, id: string): T | undefined {
  if (rows instanceof PackedList) return (rows as PackedList<T>).findBy(key, id);
  return (rows as T[]).find((x) => String(x[key]) === id);
}
