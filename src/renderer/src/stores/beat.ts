import { useEffect } from 'react';
import { create } from 'zustand';
import type { Schedule } from '../../../shared/contract';
import { api, errorMessage } from '../api';

interface BeatStore {
  schedules: Schedule[];
  error: string | null;
  load(): Promise<void>;
}

export const useBeat = create<BeatStore>((set) => ({
  schedules: [],
  error: null,
  async load() {
    try {
      set({ schedules: await api.call('beat.list', {}), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
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
