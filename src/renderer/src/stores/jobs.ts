import { useEffect } from 'react';
import { create } from 'zustand';
import type { JobSummary, ListableState } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { onQueueCountsChange, queueRef } from './queues';
import { trailingThrottle } from './queues-throttle';

const PAGE = 200;
const MAX_RELOAD = 500;

interface JobsStore {
  queue: string | null;
  state: ListableState;
  search: string;
  jobs: JobSummary[];
  total: number;
  truncated: boolean;
  loading: boolean;
  error: string | null;
  /** Loads the first page (or reloads as many rows as are shown, up to 500) for queue, state and search. */
  load(queue: string, state: ListableState, search: string): Promise<void>;
  loadMore(): Promise<void>;
  setSearch(search: string): void;
}

let generation = 0;

export const useJobs = create<JobsStore>((set, get) => ({
  queue: null,
  state: 'waiting',
  search: '',
  jobs: [],
  total: 0,
  truncated: false,
  loading: false,
  error: null,
  async load(queue, state, search) {
    const same = get().queue === queue && get().state === state && get().search === search;
    const limit = same ? Math.min(MAX_RELOAD, Math.max(PAGE, get().jobs.length)) : PAGE;
    const gen = ++generation;
    set(same ? { loading: true } : { queue, state, search, jobs: [], total: 0, loading: true, error: null });
    try {
      const page = await api.call('jobs.list', {
        ...queueRef(queue),
        state,
        limit,
        search: search.trim() || undefined,
      });
      if (gen === generation)
        set({ ...page, truncated: page.truncated ?? false, loading: false, error: null });
    } catch (err) {
      if (gen === generation) set({ loading: false, error: errorMessage(err) });
    }
  },
  async loadMore() {
    const { queue, state, search, jobs, total, loading } = get();
    if (!queue || loading || jobs.length >= total) return;
    set({ loading: true });
    const gen = ++generation;
    try {
      const page = await api.call('jobs.list', {
        ...queueRef(queue),
        state,
        offset: jobs.length,
        limit: PAGE,
        search: search.trim() || undefined,
      });
      if (gen === generation) set({ jobs: [...jobs, ...page.jobs], total: page.total, loading: false });
    } catch (err) {
      if (gen === generation) set({ loading: false, error: errorMessage(err) });
    }
  },
  setSearch(search) {
    set({ search });
  },
}));

/** Loads the table for a queue and state, and reloads it when that queue's jobs change (from engine events). */
export function useJobsSync(queue: string | null, state: ListableState, search: string): void {
  useEffect(() => {
    if (!queue) return;
    const reload = trailingThrottle(() => void useJobs.getState().load(queue, state, search), 400);
    void useJobs.getState().load(queue, state, search);
    const off = api.on('queues.events', ({ events }) => {
      if (events.some((e) => e.queue === queue)) reload();
    });
    const offCounts = onQueueCountsChange(queue, reload);
    return () => {
      off();
      offCounts();
      reload.cancel();
    };
  }, [queue, state, search]);
}
