import { create } from 'zustand';
import type { ConfigSetting } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { pickedNode } from './cluster-nodes';

interface ConfigStore {
  settings: ConfigSetting[];
  error: string | null;
  /** The last setting saved, or the reason it was refused, by name. */
  saved: Record<string, { ok: boolean; message: string }>;
  load(): Promise<void>;
  save(name: string, value: string): Promise<void>;
}

export const useServerConfig = create<ConfigStore>((set) => ({
  settings: [],
  error: null,
  saved: {},
  async load() {
    try {
      set({ settings: (await api.call('server.config', pickedNode())).settings, error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  async save(name, value) {
    try {
      const after = await api.call('server.configSet', { name, value, ...pickedNode() });
      set((s) => ({
        settings: s.settings.map((x) => (x.name === name ? after : x)),
        saved: { ...s.saved, [name]: { ok: true, message: `saved: ${after.value}` } },
      }));
    } catch (err) {
      set((s) => ({ saved: { ...s.saved, [name]: { ok: false, message: errorMessage(err) } } }));
    }
  },
}));
