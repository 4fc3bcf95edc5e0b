import { create } from 'zustand';
import type { KeyRef } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { downloadUrl } from '../api/download';
import type { BigMode } from '../workers/value-layout';
import { BigLayout, ValueWorker } from './big-string-worker';
import { rowId } from './keys';

/** Bytes per `keys.getRange` call: ~1.4 MB of base64 per frame keeps each reply quick to parse. */
export const RANGE_CHUNK = 1024 * 1024;

interface BigStringStore {
  id: string | null;
  ref: KeyRef | null;
  length: number;
  loaded: number;
  loadingAll: boolean;
  /** The user's choice; 'auto' until they pick one. */
  mode: BigMode | 'auto';
  layout: BigLayout | null;
  /** Bumped when rows arrive from the worker, so the view draws them. */
  rowsVersion: number;
  /** Bytes the current layout covers: "all loaded" once it reaches the length. */
  shown: number;
  error: string | null;
  /** Where the view is scrolled to, 0..1: the segment editor opens there. */
  scrolled: number;
  /** Opens a big string: its first slice at once; everything again if it was all loaded before (an edit). */
  open(ref: KeyRef, length: number): Promise<void>;
  loadAll(): Promise<void>;
  stop(): void;
  setMode(mode: BigMode): Promise<void>;
  setScrolled(fraction: number): void;
}

export const useBigString = create<BigStringStore>((set, get) => {
  const worker = new ValueWorker(() => set((s) => ({ rowsVersion: s.rowsVersion + 1 })));
  const current = (id: string | null): boolean => get().id === id;
  let abortFetch: (() => void) | null = null;
  /**
   * Serve mode: the worker reads [start, start+n) from the download endpoint itself, so the bytes never
   * touch this thread; progress moves `loaded`.
   */
  const fetchSlice = async (ref: KeyRef, start: number, n: number): Promise<boolean> => {
    const id = get().id;
    const url = new URL(downloadUrl(ref), window.location.href).toString();
    const onProgress = (loaded: number): void => {
      if (current(id)) set({ loaded });
    };
    const f = worker.fetch({ url, from: start, to: start + n, length: get().length }, onProgress);
    abortFetch = f.abort;
    const r = await f.done;
    abortFetch = null;
    if (!current(id)) return false;
    if (r.error) throw new Error(r.error);
    set({ loaded: r.loaded });
    return r.loaded === start + n;
  };
  /** Reads [start, start+n) into the worker, unless another key was opened meanwhile. */
  const readSlice = async (ref: KeyRef, start: number, n: number): Promise<boolean> => {
    if (api.transport === 'websocket') return fetchSlice(ref, start, n);
    const id = get().id;
    const r = await api.call('keys.getRange', { ...ref, start, length: n });
    if (!current(id)) return false;
    if (r.length !== get().length) throw new Error('the value changed while it was read: reload it');
    worker.chunk(start, r.value);
    set({ loaded: start + n });
    return true;
  };
  const relayout = async (): Promise<void> => {
    const { id, mode, loaded, length } = get();
    const layout = await worker.layout(mode, loaded, loaded >= length);
    if (current(id)) set({ layout, shown: loaded });
  };

  return {
    id: null,
    ref: null,
    length: 0,
    loaded: 0,
    loadingAll: false,
    mode: 'auto',
    layout: null,
    shown: 0,
    rowsVersion: 0,
    error: null,
    scrolled: 0,
    async open(ref, length) {
      const id = rowId(ref);
      const again = get().id === id && get().loaded >= get().length && get().length > 0;
      set({
        id,
        ref,
        length,
        loaded: 0,
        shown: 0,
        loadingAll: false,
        layout: null,
        error: null,
        scrolled: 0,
      });
      if (!again) set({ mode: 'auto' });
      worker.begin(length);
      try {
        const first = Math.min(RANGE_CHUNK, length);
        if (!(await readSlice(ref, 0, first))) return;
        await relayout();
        if (again) await get().loadAll();
      } catch (err) {
        if (current(id)) set({ error: errorMessage(err) });
      }
    },
    async loadAll() {
      const { id, ref } = get();
      if (!ref) return;
      set({ loadingAll: true, error: null });
      try {
        while (current(id) && get().loadingAll && get().loaded < get().length) {
          const { loaded, length } = get();
          // The worker streams the rest in one request; over IPC each call carries one slice.
          const n = api.transport === 'websocket' ? length - loaded : Math.min(RANGE_CHUNK, length - loaded);
          if (!(await readSlice(ref, loaded, n))) break;
        }
        if (current(id)) await relayout();
      } catch (err) {
        if (current(id)) set({ error: errorMessage(err) });
      }
      if (current(id)) set({ loadingAll: false });
    },
    stop: () => {
      abortFetch?.();
      set({ loadingAll: false });
    },
    async setMode(mode) {
      set({ mode });
      await relayout();
    },
    setScrolled: (scrolled) => set({ scrolled }),
  };
});
