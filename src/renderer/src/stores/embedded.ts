import { create } from 'zustand';
import type { EmbeddedState } from '../../../shared/contract';
import { api } from '../api';

interface EmbeddedStore {
  state: EmbeddedState | null;
  load(): Promise<void>;
  /** Uses (starting if needed), restarts or resets the embedded Redis; `confirm` is the key count the user typed. */
  connect(opts: { persist: boolean; restart?: boolean; reset?: boolean; confirm?: number }): Promise<void>;
}

/** The embedded server, which keeps running (with its keys) while another connection is in use. */
export const useEmbedded = create<EmbeddedStore>((set, get) => ({
  state: null,
  async load() {
    set({ state: await api.call('connection.embedded', {}) });
  },
  async connect(opts) {
    try {
      await api.call('connection.connect', { mode: 'embedded', ...opts });
    } finally {
      await get()
        .load()
        .catch(() => undefined);
    }
  },
}));
