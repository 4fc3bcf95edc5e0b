import { create } from 'zustand';
import type { KeyRef, KeyRow, ScanAllEvent } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { displayText } from '../components/ValueViewer/bytes';
import { matchParams } from '../../../shared/bytes/match';
import { KeyTree } from '../pages/Keys/tree';
import { expiresAt } from '../pages/Keys/ttl';

/** A listed key with its expiry as a point in time, so the TTL counts down without refetching. */
export interface Row {
  id: string;
  key: string;
  keyEncoding?: 'base64';
  /** The name as shown: printable as is, else quoted with redis-cli escapes. */
  name: string;
  /** What sorting and the tree read: the name without its quotes (escapes kept). */
  path: string;
  type: string;
  expiresAt: number | null;
  /** On a Redis Cluster: hash slot and the primary holding the key. */
  slot?: number;
  node?: string;
}

export type SortBy = 'name' | 'ttl';
export type ScanPace = 'gentle' | 'fast';
/** Shares of Redis's time (keys.scanAll `share`): a panel left open never weighs on the app's Redis. */
const SHARE: Record<ScanPace, number> = { gentle: 0.1, fast: 0.3 };
export type ViewKind = 'flat' | 'tree';

export const rowId = (ref: KeyRef): string => (ref.keyEncoding ? `b64:${ref.key}` : ref.key);
export const rowRef = (r: Row): KeyRef =>
  r.keyEncoding ? { key: r.key, keyEncoding: r.keyEncoding } : { key: r.key };

interface KeysStore {
  rows: Row[];
  /** Bumped on every change to rows (the array is appended to in place while a scan streams). */
  version: number;
  /** Built only while the tree view is shown: splitting a million names costs seconds a flat list never needs. */
  tree: KeyTree<Row> | null;
  scan: {
    id: string | null;
    running: boolean;
    /** 'gentle' keeps to a tenth of Redis's time (the walk on opening the panel); 'fast' to about a third. */
    pace: ScanPace;
    seen: number;
    total: number;
    progress: number;
    error: string | null;
  };
  match: string;
  type: string;
  sortBy: SortBy;
  view: ViewKind;
  delimiter: string;
  selected: ReadonlySet<string>;
  active: KeyRef | null;
  memory: ReadonlyMap<string, number | null>;
  setFilter(f: { match?: string; type?: string }): void;
  setSort(s: SortBy): void;
  setView(v: ViewKind): void;
  setDelimiter(d: string): void;
  startScan(pace?: ScanPace): Promise<void>;
  /** "Scan all now": the running walk goes on at the fast pace. */
  scanNow(): Promise<void>;
  stopScan(): Promise<void>;
  select(ids: string[], on: boolean): void;
  clearSelection(): void;
  open(ref: KeyRef | null): void;
  /** Keeps the list in step with edits made here (create, delete, TTL) without a rescan. */
  upsert(row: KeyRow): void;
  /** Drops rows; `closeOpen` false keeps the detail pane on a vanished key so its message stays visible. */
  remove(ids: Iterable<string>, closeOpen?: boolean): void;
  loadMemory(rows: Row[]): Promise<void>;
}

const index = new Map<string, number>();
let early: ScanAllEvent[] = [];
let starting = false;

function buildTree(delimiter: string, rows: Row[]): KeyTree<Row> {
  const tree = new KeyTree<Row>(delimiter);
  tree.add(rows);
  return tree;
}

function toRow(k: KeyRow, readAt: number): Row {
  const name = displayText(k.key, k.keyEncoding);
  return {
    id: rowId(k),
    key: k.key,
    keyEncoding: k.keyEncoding,
    name,
    path: name.startsWith('"') ? name.slice(1, -1) : name,
    type: k.type,
    expiresAt: expiresAt(k.ttlMs, readAt),
    ...(k.slot !== undefined ? { slot: k.slot, node: k.node } : {}),
  };
}

export const useKeys = create<KeysStore>((set, get) => {
  /**
   * Appends new keys (SCAN may repeat one) and refreshes known ones in place: the sorted view holds the same
   * objects, and the 1 s clock re-renders visible rows, so a refreshed TTL shows without a re-sort.
   * Answers whether a key was added (only then does the view need rebuilding).
   */
  const absorb = (keys: KeyRow[]): boolean => {
    const now = Date.now();
    const { rows, tree } = get();
    const fresh: Row[] = [];
    for (const k of keys) {
      const row = toRow(k, now);
      const at = index.get(row.id);
      if (at === undefined) {
        index.set(row.id, rows.length);
        rows.push(row);
        fresh.push(row);
      } else Object.assign(rows[at]!, row);
    }
    tree?.add(fresh);
    return fresh.length > 0;
  };

  const onBatch = (e: ScanAllEvent): void => {
    if (starting) {
      early.push(e);
      return;
    }
    if (e.scanId !== get().scan.id) return;
    absorb(e.keys);
    set((s) => ({
      version: s.version + 1,
      scan: {
        ...s.scan,
        seen: e.seen,
        total: Math.max(e.total, e.seen),
        progress: e.progress,
        running: !e.done,
        error: e.error ?? null,
      },
    }));
  };
  api.on('keys.scanBatch', onBatch);

  const reset = (): Partial<KeysStore> => {
    index.clear();
    const tree = get().view === 'tree' ? new KeyTree<Row>(get().delimiter) : null;
    return { rows: [], tree, selected: new Set(), memory: new Map() };
  };

  return {
    rows: [],
    version: 0,
    tree: null,
    scan: { id: null, running: false, pace: 'gentle', seen: 0, total: 0, progress: 0, error: null },
    match: '',
    type: '',
    sortBy: 'name',
    view: 'flat',
    delimiter: ':',
    selected: new Set(),
    active: null,
    memory: new Map(),
    setFilter: (f) => set(f),
    setSort: (sortBy) => set({ sortBy }),
    setView(view) {
      const { rows, delimiter } = get();
      set((s) => ({
        view,
        tree: view === 'tree' ? buildTree(delimiter, rows) : null,
        version: s.version + 1,
      }));
    },
    setDelimiter(delimiter) {
      set((s) => ({ delimiter, tree: buildTree(delimiter, s.rows), version: s.version + 1 }));
    },
    async startScan(pace = 'gentle') {
      const { scan, match, type } = get();
      if (scan.id && scan.running)
        await api.call('keys.scanStop', { scanId: scan.id }).catch(() => undefined);
      set((s) => ({
        ...reset(),
        version: s.version + 1,
        scan: { id: null, running: true, pace, seen: 0, total: 0, progress: 0, error: null },
      }));
      starting = true;
      early = [];
      try {
        const r = await api.call('keys.scanAll', {
          ...matchParams(match),
          ...(type ? { type } : {}),
          share: SHARE[pace],
        });
        set((s) => ({ scan: { ...s.scan, id: r.scanId, total: r.total } }));
      } catch (err) {
        set((s) => ({ scan: { ...s.scan, running: false, error: errorMessage(err) } }));
      } finally {
        starting = false;
        for (const e of early.splice(0)) onBatch(e);
      }
    },
    async scanNow() {
      const { id, running } = get().scan;
      if (!id || !running) return get().startScan('fast');
      set((s) => ({ scan: { ...s.scan, pace: 'fast' } }));
      await api.call('keys.scanPace', { scanId: id, share: SHARE.fast });
    },
    async stopScan() {
      const id = get().scan.id;
      if (id) await api.call('keys.scanStop', { scanId: id });
    },
    select(ids, on) {
      const next = new Set(get().selected);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      set({ selected: next });
    },
    clearSelection: () => set({ selected: new Set() }),
    open: (active) => set({ active }),
    upsert(k) {
      if (absorb([k])) set((s) => ({ version: s.version + 1 }));
    },
    remove(ids, closeOpen = true) {
      const gone = new Set(ids);
      if (gone.size === 0) return;
      const rows = get().rows.filter((r) => !gone.has(r.id));
      index.clear();
      rows.forEach((r, i) => index.set(r.id, i));
      get().tree?.remove((r) => gone.has(r.id));
      const selected = new Set([...get().selected].filter((id) => !gone.has(id)));
      const active = get().active;
      set((s) => ({
        rows,
        selected,
        version: s.version + 1,
        active: closeOpen && active && gone.has(rowId(active)) ? null : active,
      }));
    },
    async loadMemory(rows) {
      const known = get().memory;
      const todo = rows.filter((r) => !known.has(r.id) && r.type !== 'none');
      if (todo.length === 0) return;
      const { bytes } = await api.call('keys.memory', { keys: todo.map(rowRef) });
      const next = new Map(get().memory);
      todo.forEach((r, i) => next.set(r.id, bytes[i] ?? null));
      set({ memory: next });
    },
  };
});
