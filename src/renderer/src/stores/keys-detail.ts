import { create } from 'zustand';
import type { KeyDetails, KeyRef, KeyValue } from '../../../shared/contract';
import { api, ClientError, errorMessage } from '../api';
import { fetchInside, INSIDE_PAGE, type InsideQuery } from './inside-query';
import { rowId, useKeys } from './keys';
import { PackedList } from './packed-list';

const PAGE = 200;
/** Pages read by "Load all": bigger, since nobody reads them one by one. */
const ALL_PAGE = 1000;
/** Strings up to this size open whole in the plain viewer/editor; bigger ones use the big-string view. */
export const SMALL_STRING = 128 * 1024;

interface DetailStore {
  ref: KeyRef | null;
  details: KeyDetails | null;
  /** When `details.ttlMs` was read, for the countdown. */
  readAt: number;
  loading: boolean;
  error: string | null;
  /** A short note after an edit ("saved", "key no longer exists"). */
  notice: { text: string; kind: 'ok' | 'error' } | null;
  load(ref: KeyRef | null, opts?: { maxBytes?: number }): Promise<void>;
  loadMore(limit?: number): Promise<void>;
  /** Reads every remaining page of a collection, one page per round trip, until done or stopped. */
  loadAll(): Promise<void>;
  stopLoadAll(): void;
  loadingAll: boolean;
  /** Everything "Load all" read, packed off the heap's object graph; null until it starts. */
  packed: PackedList<unknown> | null;
  packedCount: number;
  reload(): Promise<void>;
  /** The filter or range the table shows instead of the key from its start; null = from the start. */
  inside: InsideState | null;
  /** Runs a query inside the key (null: back to reading it from the start). */
  runInside(q: InsideQuery | null): Promise<void>;
  /** Runs an edit, then reloads; a vanished key is dropped from the list with a clear message. */
  edit(what: string, run: () => Promise<unknown>): Promise<boolean>;
}

export interface InsideState {
  query: InsideQuery;
  /** How many elements the query matches in all, where Redis says (a score range). */
  matched: number | null;
  /** A MATCH scan: about how many elements it has visited. */
  scanned: number | null;
  /** A MATCH scan still going on to fill its first page. */
  searching: boolean;
}

/**
 * Appends a page to the loaded elements in place (a new wrapper, the same array): loading 200k elements
 * page by page then costs O(n), not a copy of everything so far per page.
 */
function mergePages(a: KeyValue, b: KeyValue): KeyValue {
  switch (a.kind) {
    case 'hash':
      return { ...a, entries: append(a.entries, (b as typeof a).entries) };
    case 'list':
      return { ...a, items: append(a.items, (b as typeof a).items) };
    case 'set':
      return { ...a, members: append(a.members, (b as typeof a).members) };
    case 'zset':
      return { ...a, members: append(a.members, (b as typeof a).members) };
    case 'stream':
      return { ...a, entries: append(a.entries, (b as typeof a).entries) };
    default:
      return b;
  }
}

function itemsOf(v: KeyValue): unknown[] {
  switch (v.kind) {
    case 'hash':
    case 'stream':
      return v.entries;
    case 'list':
      return v.items;
    case 'set':
    case 'zset':
      return v.members;
    default:
      return [];
  }
}

function append<T>(into: T[], more: T[]): T[] {
  for (const x of more) into.push(x);
  return into;
}

/** A page of an inside query, shaped as the part of KeyDetails it replaces, plus its counts. */
async function readInside(
  ref: KeyRef,
  query: InsideQuery,
  cursor: string | null,
  limit: number,
): Promise<
  Pick<KeyDetails, 'size' | 'value' | 'nextCursor'> & { counts: Pick<InsideState, 'matched' | 'scanned'> }
> {
  const p = await fetchInside(ref, query, cursor, limit);
  return {
    size: p.size,
    value: p.value,
    nextCursor: p.nextCursor,
    counts: { matched: p.matched, scanned: p.scanned ?? null },
  };
}

export const useKeyDetail = create<DetailStore>((set, get) => {
  /** The list row follows what was just read (TTL, type). */
  const syncRow = (d: KeyDetails): void =>
    useKeys.getState().upsert({ key: d.key, keyEncoding: d.keyEncoding, type: d.type, ttlMs: d.ttlMs });
  const lost = (err: unknown): boolean => err instanceof ClientError && err.code === 'NOT_FOUND';

  return {
    ref: null,
    details: null,
    readAt: 0,
    loading: false,
    error: null,
    notice: null,
    loadingAll: false,
    packed: null,
    packedCount: 0,
    inside: null,
    async load(ref, opts = {}) {
      set({
        ref,
        inside: null,
        loading: ref !== null,
        loadingAll: false,
        packed: null,
        packedCount: 0,
        error: null,
        notice: null,
        ...(ref ? {} : { details: null }),
      });
      if (!ref) return;
      try {
        const details = await api.call('keys.get', { ...ref, limit: PAGE, maxBytes: SMALL_STRING, ...opts });
        if (get().ref !== ref) return;
        const readAt = Date.now();
        set({ details, readAt, loading: false });
        syncRow(details);
      } catch (err) {
        if (get().ref !== ref) return;
        set({ details: null, loading: false, error: errorMessage(err) });
        if (lost(err)) useKeys.getState().remove([rowId(ref)], false);
      }
    },
    async loadAll() {
      const { ref, details } = get();
      if (!details?.nextCursor) return;
      const packed = get().packed ?? new PackedList<unknown>();
      if (!get().packed) packed.push(itemsOf(details.value));
      set({ loadingAll: true, packed, packedCount: packed.length });
      while (get().loadingAll && get().ref === ref && get().details?.nextCursor)
        await get().loadMore(ALL_PAGE);
      if (get().ref === ref) set({ loadingAll: false });
    },
    stopLoadAll: () => set({ loadingAll: false }),
    async loadMore(limit = PAGE) {
      const { ref, details } = get();
      if (!ref || !details?.nextCursor) return;
      const cursor = details.nextCursor;
      const kind = details.value.kind;
      const byOffset = kind === 'list' || kind === 'zset';
      const inside = get().inside;
      try {
        const { counts, ...page } = inside
          ? await readInside(ref, inside.query, cursor, limit)
          : {
              ...(await api.call('keys.get', {
                ...ref,
                limit,
                ...(byOffset ? { offset: Number(cursor) } : { cursor }),
              })),
              counts: null,
            };
        if (get().ref !== ref || get().inside?.query !== inside?.query) return;
        const packed = get().packed;
        // Loading all: the page goes into the packed list; `value` keeps the pages read before.
        if (packed) packed.push(itemsOf(page.value));
        const value = packed ? details.value : mergePages(details.value, page.value);
        set({
          details: { ...details, ...page, value },
          readAt: Date.now(),
          ...(packed ? { packedCount: packed.length } : {}),
          ...(inside && counts ? { inside: { ...get().inside!, ...counts } } : {}),
        });
      } catch (err) {
        set({ notice: { text: errorMessage(err), kind: 'error' }, loadingAll: false });
      }
    },
    reload: async () => {
      const q = get().inside?.query;
      await get().load(get().ref);
      if (q) await get().runInside(q);
    },
    async runInside(query) {
      const { ref, details } = get();
      if (!ref || !details) return;
      if (!query) return get().load(ref);
      const inside: InsideState = { query, matched: null, scanned: null, searching: query.kind === 'match' };
      set({ inside, loadingAll: false, packed: null, packedCount: 0, notice: null, error: null });
      try {
        const { counts, ...page } = await readInside(ref, query, null, INSIDE_PAGE);
        const current = (): boolean => get().ref === ref && get().inside?.query === query;
        if (!current()) return;
        set({ details: { ...details, ...page }, readAt: Date.now(), inside: { ...inside, ...counts } });
        // A sparse MATCH finds little per bounded call: go on until a page is full or the scan is done.
        const more = (): boolean =>
          query.kind === 'match' &&
          Boolean(get().details?.nextCursor) &&
          itemsOf(get().details!.value).length < INSIDE_PAGE &&
          get().notice?.kind !== 'error';
        while (more()) {
          await get().loadMore(INSIDE_PAGE);
          if (!current()) return;
        }
        if (current()) set({ inside: { ...get().inside!, searching: false } });
      } catch (err) {
        if (get().inside?.query === query)
          set({
            inside: { ...inside, searching: false },
            notice: { text: errorMessage(err), kind: 'error' },
          });
      }
    },
    async edit(what, run) {
      try {
        await run();
        await get().reload();
        set({ notice: { text: what, kind: 'ok' } });
        return true;
      } catch (err) {
        set({ notice: { text: errorMessage(err), kind: 'error' } });
        if (lost(err) && get().ref) {
          useKeys.getState().remove([rowId(get().ref!)], false);
          set({ details: null });
        }
        return false;
      }
    },
  };
});
