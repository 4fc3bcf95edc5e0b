import { useEffect } from 'react';
import { create } from 'zustand';
import type { ComposeDraft, Template } from '../../../shared/contract';
import { api, errorMessage } from '../api';

interface TemplatesStore {
  items: Template[];
  error: string | null;
  load(): Promise<void>;
  save(name: string, draft: ComposeDraft, overwrite?: boolean): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(name: string): Promise<void>;
}

export const useTemplates = create<TemplatesStore>((set) => ({
  items: [],
  error: null,
  async load() {
    try {
      set({ items: await api.call('templates.list', {}), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  async save(name, draft, overwrite = false) {
    set({ items: await api.call('templates.save', { name, draft, overwrite }) });
  },
  async rename(from, to) {
    set({ items: await api.call('templates.rename', { from, to }) });
  },
  async remove(name) {
    set({ items: await api.call('templates.delete', { name }) });
  },
}));

export function useTemplatesSync(): void {
  useEffect(() => {
    void useTemplates.getState().load();
    return api.on('templates.changed', (items) => useTemplates.setState({ items }));
  }, []);
}
