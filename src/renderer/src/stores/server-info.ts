import { create } from 'zustand';
import type { InfoSection } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { pickedNode } from './cluster-nodes';

interface InfoStore {
  sections: InfoSection[];
  error: string | null;
  load(): Promise<void>;
}

export const useInfoSections = create<InfoStore>((set) => ({
  sections: [],
  error: null,
  async load() {
    try {
      set({ sections: (await api.call('server.infoSections', pickedNode())).sections, error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
}));
