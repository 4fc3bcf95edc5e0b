import { useEffect } from 'react';
import { create } from 'zustand';
import type { BeatLeadership } from '../../../shared/contract';
import { api, errorMessage } from '../api';

/** Standbys that die leave without a word: their announcement expires within a few lock times. */
const REFRESH_MS = 5000;

interface BeatLeaderStore {
  leadership: BeatLeadership | null;
  error: string | null;
  load(): Promise<void>;
}

export const useBeatLeader = create<BeatLeaderStore>((set) => ({
  leadership: null,
  error: null,
  async load() {
    try {
      set({ leadership: await api.call('beat.leader', {}), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
}));

/**
 * Which beat leads, on which machine. A beat taking the lead anywhere publishes on Redis, which arrives as
 * `beat.changed`; the app's own beat changing its role arrives as `processes.changed`.
 */
export function useBeatLeaderSync(): void {
  useEffect(() => {
    const load = (): void => void useBeatLeader.getState().load();
    load();
    const offs = [
      api.on('beat.changed', load),
      api.on('processes.changed', load),
      api.on('connection.changed', (s) => s.state === 'connected' && load()),
    ];
    const t = setInterval(load, REFRESH_MS);
    return () => {
      clearInterval(t);
      for (const off of offs) off();
    };
  }, []);
}
