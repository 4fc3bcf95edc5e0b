import { create } from 'zustand';
import type { SavedConnection, SavedConnectionInput } from '../../../shared/contract';
import { api } from '../api';

interface SavedConnectionsStore {
  items: SavedConnection[];
  load(): Promise<void>;
  save(input: SavedConnectionInput): Promise<void>;
  remove(name: string): Promise<void>;
}

export const useSavedConnections = create<SavedConnectionsStore>((set) => ({
  items: [],
  async load() {
    set({ items: await api.call('connections.list', {}) });
  },
  async save(input) {
    set({ items: await api.call('connections.save', input) });
  },
  async remove(name) {
    set({ items: await api.call('connections.remove', { name }) });
  },
}));
