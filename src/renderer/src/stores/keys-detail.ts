import { create } from 'zustand';
import type { KeyDetails, KeyRef, KeyValue } from '../../../shared/contract';
import { api, ClientError, errorMessage } from '../api';
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
  /** Runs an edit, then reloads; a vanished key is dropped from the list with a clear message. */
  edit(what: string, run: () => Promise<unknown>): Promise<boolean>;
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
    async load(ref, opts = {}) {
      set({
        ref,
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
      try {
        const page = await api.call('keys.get', {
          ...ref,
          limit,
          ...(byOffset ? { offset: Number(cursor) } : { cursor }),
        });
        if (get().ref !== ref) return;
        const packed = get().packed;
        if (packed) {
          // Loading all: the page goes into the packed list; `value` keeps the pages read before.
          packed.push(itemsOf(page.value));
          set({ details: { ...page, value: details.value }, packedCount: packed.length, readAt: Date.now() });
          return;
        }
        set({
          details: { ...page, value: mergePages(details.value, page.value) },
          readAt: Date.now(),
        });
      } catch (err) {
        set({ notice: { text: errorMessage(err), kind: 'error' }, loadingAll: false });
      }
    },
    reload: () => get().load(get().ref),
    async edit(what, run) {
      try {
        await run();
        await get().load(get().ref);
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
