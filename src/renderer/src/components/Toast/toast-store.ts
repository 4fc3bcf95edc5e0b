import { create } from 'zustand';

export interface ToastItem {
  id: number;
  kind: 'ok' | 'error';
  text: string;
}

interface ToastStore {
  items: ToastItem[];
  dismiss(id: number): void;
}

let nextId = 1;
const SHOW_MS = 5000;

export const useToasts = create<ToastStore>((set, get) => ({
  items: [],
  dismiss(id) {
    set({ items: get().items.filter((t) => t.id !== id) });
  },
}));

/** Shows a short note of what an action did (or why it failed) in the corner. */
export function toast(kind: ToastItem['kind'], text: string): void {
  const id = nextId++;
  useToasts.setState((s) => ({ items: [...s.items.slice(-4), { id, kind, text }] }));
  setTimeout(() => useToasts.getState().dismiss(id), kind === 'error' ? SHOW_MS * 2 : SHOW_MS);
}
