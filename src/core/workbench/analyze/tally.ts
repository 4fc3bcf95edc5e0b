import type { AnalyzeKey, AnalyzeNamespace, AnalyzeReport, AnalyzeTally } from '../../../shared/contract';
import { TTL_BUCKETS } from '../../../shared/contract';
import { encodeBytes } from '../../bytes';
import type { MeasuredStep } from './step-reply';
import { TopN } from './top-n';

/** Distinct namespaces kept; past it new ones are not opened (their keys still count in totals and parents). */
const MAX_NAMESPACES = 20_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Index into TTL_BUCKETS. */
function ttlBucket(ttlMs: number): number {
  if (ttlMs < 0) return 0;
  if (ttlMs < MINUTE) return 1;
  if (ttlMs < HOUR) return 2;
  if (ttlMs < DAY) return 3;
  return 4;
}

const empty = (): AnalyzeTally => ({ keys: 0, bytes: 0, elements: 0 });
function count(t: AnalyzeTally, bytes: number, elements: number): void {
  t.keys++;
  t.bytes += bytes;
  t.elements += elements;
}

export type ReportBody = Omit<
  AnalyzeReport,
  | 'analysisId'
  | 'match'
  | 'delimiter'
  | 'memorySamples'
  | 'info'
  | 'durationMs'
  | 'longestCallMs'
  | 'longestServerMs'
  | 'stopped'
>;

/** Folds measured pages into the report's tables, keeping only aggregates and the top lists in memory. */
export class AnalyzeTallies {
  readonly totals = empty();
  vanished = 0;
  private readonly byType = new Map<string, AnalyzeTally>();
  /** In TTL_BUCKETS' order. */
  private readonly ttl: AnalyzeTally[] = TTL_BUCKETS.map(empty);
  /** Keyed by the prefix's bytes as latin1 (one char per byte, so any bytes round-trip). */
  private readonly namespaces = new Map<string, { depth: number; tally: AnalyzeTally }>();
  private namespacesCapped = false;
  private readonly topBytes: TopN<AnalyzeKey>;
  private readonly topElements: TopN<AnalyzeKey>;
  /** Scored by −TTL, so the heap keeps the soonest. */
  private readonly soonest: TopN<AnalyzeKey>;

  constructor(
    top: number,
    /** As latin1, like the names. */
    private readonly delimiter: string,
    private readonly depth: number,
  ) {
    this.topBytes = new TopN(top);
    this.topElements = new TopN(top);
    this.soonest = new TopN(top);
  }

  addStep(step: MeasuredStep): void {
    // One tally object per type of the step, looked up once rather than per key ("none": gone meanwhile).
    const typeTallies = step.typeNames.map((t) => (t === 'none' ? null : this.typeTally(t)));
    const { names, offsets } = step;
    for (let i = 0; i < step.measured; i++) {
      const bytes = step.bytes[i]!;
      const typeTally = typeTallies[step.types[i]!];
      if (bytes < 0 || !typeTally) {
        this.vanished++;
        continue;
      }
      const elements = step.elements[i]!;
      const ttlMs = step.ttls[i]!;
      count(this.totals, bytes, elements);
      count(typeTally, bytes, elements);
      count(this.ttl[ttlBucket(ttlMs)]!, bytes, elements);
      // Latin1 names: slicing and searching them is far cheaper than Buffer slices and a toString per level.
      const type = step.typeNames[step.types[i]!]!;
      const name = names.substring(offsets[i]!, offsets[i + 1]!);
      this.addNamespaces(name, bytes, elements);
      if (this.topBytes.accepts(bytes)) this.topBytes.add(bytes, keyRow(name, type, bytes, elements, ttlMs));
      if (this.topElements.accepts(elements))
        this.topElements.add(elements, keyRow(name, type, bytes, elements, ttlMs));
      if (ttlMs >= 0 && this.soonest.accepts(-ttlMs))
        this.soonest.add(-ttlMs, keyRow(name, type, bytes, elements, ttlMs));
    }
  }

  body(): ReportBody {
    const namespaces: AnalyzeNamespace[] = [];
    for (const [prefix, { depth, tally }] of this.namespaces) {
      const e = encodeBytes(Buffer.from(prefix, 'latin1'));
      namespaces.push(
        e.encoding
          ? { prefix: e.text, prefixEncoding: e.encoding, depth, ...tally }
          : { prefix: e.text, depth, ...tally },
      );
    }
    namespaces.sort((a, b) => b.bytes - a.bytes);
    return {
      totals: { ...this.totals },
      vanished: this.vanished,
      byType: [...this.byType].map(([type, t]) => ({ type, ...t })).sort((a, b) => b.bytes - a.bytes),
      namespaces,
      namespacesCapped: this.namespacesCapped,
      topByBytes: this.topBytes.sorted(),
      topByElements: this.topElements.sorted(),
      ttl: TTL_BUCKETS.map((bucket, i) => ({ bucket, ...this.ttl[i]! })),
      expiresSoonest: this.soonest.sorted(),
    };
  }

  private typeTally(type: string): AnalyzeTally {
    let t = this.byType.get(type);
    if (!t) this.byType.set(type, (t = empty()));
    return t;
  }

  /** "a:b:c" counts in "a:" and "a:b:" (up to `depth` levels); a name without the delimiter in "". */
  private addNamespaces(name: string, bytes: number, elements: number): void {
    let from = 0;
    let level = 0;
    while (level < this.depth) {
      const cut = name.indexOf(this.delimiter, from);
      if (cut < 0) break;
      from = cut + this.delimiter.length;
      level++;
      if (!this.addTo(name.slice(0, from), level, bytes, elements)) return;
    }
    if (level === 0) this.addTo('', 1, bytes, elements);
  }

  private addTo(prefix: string, depth: number, bytes: number, elements: number): boolean {
    let ns = this.namespaces.get(prefix);
    if (!ns) {
      if (this.namespaces.size >= MAX_NAMESPACES) {
        this.namespacesCapped = true;
        return false;
      }
      // A copy of its own: a slice would keep the whole step's names alive as long as the namespace.
      this.namespaces.set(Buffer.from(prefix, 'latin1').toString('latin1'), (ns = { depth, tally: empty() }));
    }
    count(ns.tally, bytes, elements);
    return true;
  }
}

function keyRow(name: string, type: string, bytes: number, elements: number, ttlMs: number): AnalyzeKey {
  const e = encodeBytes(Buffer.from(name, 'latin1'));
  const base = { type, bytes, elements, ttlMs };
  return e.encoding ? { key: e.text, keyEncoding: e.encoding, ...base } : { key: e.text, ...base };
}
