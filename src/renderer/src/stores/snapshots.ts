import { create } from 'zustand';
import type { Snapshot, SnapshotList } from '../../../shared/contract';
import { api } from '../api';

interface SnapshotsStore {
  list: SnapshotList | null;
  /** What is being done right now, for the buttons ("saving", "restoring"…). */
  busy: string | null;
  load(): Promise<void>;
  save(name: string): Promise<Snapshot>;
  restore(id: string, confirm: number): Promise<{ restored: Snapshot; before: Snapshot }>;
  remove(id: string, confirm: number): Promise<void>;
}

/** Named snapshots of the embedded Redis; each action reloads the list after it. */
export const useSnapshots = create<SnapshotsStore>((set, get) => {
  const act = async <T>(busy: string, fn: () => Promise<T>): Promise<T> => {
    set({ busy });
    try {
      return await fn();
    } finally {
      set({ busy: null });
      await get()
        .load()
        .catch(() => undefined);
    }
  };
  return {
    list: null,
    busy: null,
    async load() {
      set({ list: await api.call('snapshots.list', {}) });
    },
    save: (name) => act('saving', () => api.call('snapshots.save', { name })),
    restore: (id, confirm) => act('restoring', () => api.call('snapshots.restore', { id, confirm })),
    remove: (id, confirm) =>
      act('deleting', async () => void (await api.call('snapshots.remove', { id, confirm }))),
  };
});
