import type { Row } from '../../stores/keys';

/** Merges two arrays already sorted by `cmp` into `out` (reused, so a million-row merge allocates nothing). */
function merge(a: Row[], b: Row[], cmp: (x: Row, y: Row) => number, out: Row[]): Row[] {
  out.length = a.length + b.length;
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = cmp(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/**
 * The flat list in sort order, kept up to date as a scan appends rows: only the new rows are sorted, then
 * merged in one linear pass, so a million-key scan never re-sorts everything on each batch.
 */
export class SortedView {
  private source: Row[] | null = null;
  private cmp: ((a: Row, b: Row) => number) | null = null;
  private merged = 0;
  private sorted: Row[] = [];
  private spare: Row[] = [];

  update(rows: Row[], cmp: (a: Row, b: Row) => number): Row[] {
    if (rows !== this.source || cmp !== this.cmp || rows.length < this.merged) {
      this.source = rows;
      this.cmp = cmp;
      this.merged = 0;
      this.sorted = [];
      this.spare = [];
    }
    if (this.merged < rows.length) {
      const fresh = rows.slice(this.merged).sort(cmp);
      if (this.merged === 0) this.sorted = fresh;
      else {
        const out = merge(this.sorted, fresh, cmp, this.spare);
        this.spare = this.sorted;
        this.sorted = out;
      }
      this.merged = rows.length;
    }
    return this.sorted;
  }
}
