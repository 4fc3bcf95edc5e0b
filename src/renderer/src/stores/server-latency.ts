import { create } from 'zustand';
import type { LatencyView } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { pickedNode } from './cluster-nodes';

interface LatencyStore {
  view: LatencyView | null;
  error: string | null;
  /** The event whose history the chart shows. */
  selected: string | null;
  load(): Promise<void>;
  select(name: string): void;
  reset(): Promise<void>;
  setThreshold(ms: string): Promise<void>;
}

export const useLatency = create<LatencyStore>((set, get) => ({
  view: null,
  error: null,
  selected: null,
  async load() {
    try {
      const view = await api.call('server.latency', pickedNode());
      const selected = get().selected;
      const keep = view.events.some((e) => e.name === selected);
      set({ view, error: null, selected: keep ? selected : (view.events[0]?.name ?? null) });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  select: (name) => set({ selected: name }),
  async reset() {
    try {
      await api.call('server.latencyReset', { confirm: true, ...pickedNode() });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
    await get().load();
  },
  async setThreshold(ms) {
    try {
      await api.call('server.configSet', { name: 'latency-monitor-threshold', value: ms, ...pickedNode() });
      await get().load();
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
}));
