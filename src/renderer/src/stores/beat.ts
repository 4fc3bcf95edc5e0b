import { useEffect } from 'react';
import { create } from 'zustand';
import type { Schedule } from '../../../shared/contract';
import { api, errorMessage } from '../api';

interface BeatStore {
  schedules: Schedule[];
  error: string | null;
  load(): Promise<void>;
  /** Flips a schedule's switch at once and tells the server; puts it back and rejects if the server refuses. */
  setEnabled(id: string, enabled: boolean): Promise<void>;
}

const withEnabled = (schedules: Schedule[], id: string, enabled: boolean): Schedule[] =>
  schedules.map((s) => (s.id === id ? { ...s, enabled } : s));

export const useBeat = create<BeatStore>((set, get) => ({
  schedules: [],
  error: null,
  async load() {
    try {
      set({ schedules: await api.call('beat.list', {}), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  async setEnabled(id, enabled) {
    set({ schedules: withEnabled(get().schedules, id, enabled) });
    try {
      await api.call('beat.enable', { id, enabled });
    } catch (err) {
      set({ schedules: withEnabled(get().schedules, id, !enabled) });
      throw err;
    }
  },
}));

/** Schedules, live from `beat.changed` (added, edited, fired). */
export function useBeatSync(): void {
  useEffect(() => {
    void useBeat.getState().load();
    const off = api.on('beat.changed', (schedules) => useBeat.setState({ schedules, error: null }));
    const offConnection = api.on(
      'connection.changed',
      (s) => s.state === 'connected' && void useBeat.getState().load(),
    );
    return () => {
      off();
      offConnection();
    };
  }, []);
}
