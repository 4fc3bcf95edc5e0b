import { useEffect } from 'react';
import { create } from 'zustand';
import type { QueueMetrics } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { useQueues } from './queues';
import { trailingThrottle } from './queues-throttle';

/** Metrics are per minute: reading them again more often than this shows nothing new. */
const REFRESH_MS = 3000;

interface MetricsStore {
  /** Finished jobs per minute over the last hour, by queue name (the list's sparklines). */
  throughput: Record<string, number[]>;
  queue: QueueMetrics | null;
  error: string | null;
  loadThroughput(queues: string[]): Promise<void>;
  loadQueue(queue: string): Promise<void>;
}

export const useMetrics = create<MetricsStore>((set) => ({
  throughput: {},
  queue: null,
  error: null,
  async loadThroughput(queues) {
    if (!queues.length) return;
    try {
      const list = await api.call('metrics.throughput', { prefix: useQueues.getState().prefix, queues });
      set({ throughput: Object.fromEntries(list.map((q) => [q.queue, q.perMinute])) });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  async loadQueue(queue) {
    try {
      const metrics = await api.call('metrics.queue', { queue, prefix: useQueues.getState().prefix });
      set({ queue: metrics, error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
}));

/**
 * Reloads metrics when the engine reports new counts (jobs finished), at most every few seconds;
 * with `queue`, also that queue's detailed metrics.
 */
export function useMetricsSync(queue: string | null): void {
  useEffect(() => {
    const names = (): string[] => useQueues.getState().queues.map((q) => q.name);
    const reload = trailingThrottle(() => {
      void useMetrics.getState().loadThroughput(names());
      if (queue) void useMetrics.getState().loadQueue(queue);
    }, REFRESH_MS);
    if (queue && useMetrics.getState().queue?.queue !== queue) useMetrics.setState({ queue: null });
    reload();
    const off = api.on('queues.counts', () => reload());
    return () => {
      off();
      reload.cancel();
    };
  }, [queue]);
}
