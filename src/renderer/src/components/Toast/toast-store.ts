import { create } from 'zustand';

export interface ToastItem {
  id: number;
  kind: 'ok' | 'error';
  text: string;
  /** A button in the toast, e.g. "Undo" after a removal. */
  action?: { label: string; run(): void };
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
export function toast(kind: ToastItem['kind'], text: string, action?: ToastItem['action']): void {
  const id = nextId++;
  useToasts.setState((s) => ({ items: [...s.items.slice(-4), { id, kind, text, action }] }));
  // An offer to undo stays longer: the user has to notice it first.
  const ms = kind === 'error' || action ? SHOW_MS * 2 : SHOW_MS;
  setTimeout(() => useToasts.getState().dismiss(id), ms);
}
