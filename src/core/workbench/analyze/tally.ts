import type {
  AnalyzeKey,
  AnalyzeNamespace,
  AnalyzeReport,
  AnalyzeTally,
  TtlBucket,
} from '../../../shared/contract';
import { TTL_BUCKETS } from '../../../shared/contract';
import { encodeBytes } from '../../bytes';
import type { MeasuredKeys } from './measure-page';
import { TopN } from './top-n';

/** Distinct namespaces kept; past it new ones are not opened (their keys still count in totals and parents). */
const MAX_NAMESPACES = 20_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function ttlBucket(ttlMs: number): TtlBucket {
  if (ttlMs < 0) return 'none';
  if (ttlMs < MINUTE) return 'lt1m';
  if (ttlMs < HOUR) return 'lt1h';
  if (ttlMs < DAY) return 'lt1d';
  return 'later';
}

const empty = (): AnalyzeTally => ({ keys: 0, bytes: 0, elements: 0 });
function count(t: AnalyzeTally, bytes: number, elements: number): void {
  t.keys++;
  t.bytes += bytes;
  t.elements += elements;
}

export type ReportBody = Omit<
  AnalyzeReport,
  'analysisId' | 'match' | 'delimiter' | 'memorySamples' | 'info' | 'durationMs' | 'longestCallMs' | 'stopped'
>;

/** Folds measured pages into the report's tables, keeping only aggregates and the top lists in memory. */
export class AnalyzeTallies {
  readonly totals = empty();
  vanished = 0;
  private readonly byType = new Map<string, AnalyzeTally>();
  private readonly ttl = new Map<TtlBucket, AnalyzeTally>(TTL_BUCKETS.map((b) => [b, empty()]));
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

  addPage(page: MeasuredKeys): void {
    // Names are latin1 strings: slicing and searching them is far cheaper than Buffer slices and a toString
    // per key and per level.
    for (let i = 0; i < page.names.length; i++) {
      const name = page.names[i]!;
      const bytes = page.bytes[i]!;
      const type = page.types[i]!;
      if (bytes < 0 || type === 'none') {
        this.vanished++;
        continue;
      }
      const elements = page.elements[i]!;
      const ttlMs = page.ttls[i]!;
      count(this.totals, bytes, elements);
      let t = this.byType.get(type);
      if (!t) this.byType.set(type, (t = empty()));
      count(t, bytes, elements);
      count(this.ttl.get(ttlBucket(ttlMs))!, bytes, elements);
      this.addNamespaces(name, bytes, elements);
      const row = (): AnalyzeKey => keyRow(name, type, bytes, elements, ttlMs);
      if (this.topBytes.accepts(bytes)) this.topBytes.add(bytes, row());
      if (this.topElements.accepts(elements)) this.topElements.add(elements, row());
      if (ttlMs >= 0 && this.soonest.accepts(-ttlMs)) this.soonest.add(-ttlMs, row());
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
      ttl: TTL_BUCKETS.map((bucket) => ({ bucket, ...this.ttl.get(bucket)! })),
      expiresSoonest: this.soonest.sorted(),
    };
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
      this.namespaces.set(prefix, (ns = { depth, tally: empty() }));
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
