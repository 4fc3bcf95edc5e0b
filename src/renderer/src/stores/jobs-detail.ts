import { useEffect } from 'react';
import { create } from 'zustand';
import type { JobDetail } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { isTornRead } from '../components/JobDetail/format';
import { onQueueCountsChange, queueRef } from './queues';
import { trailingThrottle } from './queues-throttle';

interface JobDetailStore {
  queue: string | null;
  id: string | null;
  detail: JobDetail | null;
  error: string | null;
  /** The job is gone (removed, cleaned, or never existed). */
  missing: boolean;
  load(queue: string, id: string): Promise<void>;
}

export const useJobDetail = create<JobDetailStore>((set, get) => ({
  queue: null,
  id: null,
  detail: null,
  error: null,
  missing: false,
  async load(queue, id) {
    if (get().queue !== queue || get().id !== id)
      set({ queue, id, detail: null, error: null, missing: false });
    try {
      const detail = await api.call('jobs.get', { ...queueRef(queue), id });
      if (get().queue !== queue || get().id !== id) return;
      set({ detail, error: null, missing: false });
      if (isTornRead(detail)) setTimeout(() => void get().load(queue, id), 300);
    } catch (err) {
      if (get().queue !== queue || get().id !== id) return;
      const missing = (err as { code?: string }).code === 'NOT_FOUND';
      set({ error: missing ? null : errorMessage(err), missing, ...(missing ? { detail: null } : {}) });
    }
  },
}));

/** Keeps the open job live: reloads when an event names it or one of its children. */
export function useJobDetailSync(queue: string | null, id: string | null): void {
  useEffect(() => {
    if (!queue || !id) return;
    const reload = trailingThrottle(() => void useJobDetail.getState().load(queue, id), 250);
    void useJobDetail.getState().load(queue, id);
    const off = api.on('queues.events', ({ events }) => {
      const related = new Set([`${queue}/${id}`]);
      for (const c of useJobDetail.getState().detail?.children ?? []) related.add(`${c.queue}/${c.id}`);
      if (events.some((e) => related.has(`${e.queue}/${e.id}`))) reload();
    });
    const offCounts = onQueueCountsChange(queue, reload);
    return () => {
      off();
      offCounts();
      reload.cancel();
    };
  }, [queue, id]);
}
