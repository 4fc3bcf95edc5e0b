import { create } from 'zustand';
import type { SlowlogView } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { pickedNode, pickedOrPrimaries } from './cluster-nodes';

interface SlowlogStore {
  view: SlowlogView | null;
  error: string | null;
  load(): Promise<void>;
  /** SLOWLOG RESET; the page asks the user first. */
  reset(): Promise<void>;
  setting(name: 'slowlog-log-slower-than' | 'slowlog-max-len', value: string): Promise<void>;
}

export const useSlowlog = create<SlowlogStore>((set, get) => ({
  view: null,
  error: null,
  async load() {
    try {
      set({ view: await api.call('server.slowlog', { limit: 500, ...pickedOrPrimaries() }), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  async reset() {
    try {
      await api.call('server.slowlogReset', { confirm: true, ...pickedNode() });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
    await get().load();
  },
  async setting(name, value) {
    try {
      await api.call('server.configSet', { name, value, ...pickedNode() });
      await get().load();
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
}));
