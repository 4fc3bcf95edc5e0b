import { useEffect } from 'react';
import { create } from 'zustand';
import type { EngineName, QueueMetrics } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { RANGES, SPARK, type RangeKey } from './metrics-ranges';
import { isRouted, useQueues } from './queues';
import { useQueuesRoute } from './queues-route';
import { trailingThrottle } from './queues-throttle';

/** Per-minute and per-hour figures change slowly; the live view is worth a redraw each second. */
const REFRESH_MS = 3000;
const LIVE_REFRESH_MS = 1000;
const SPARK_REFRESH_MS = 2000;
const ACTIVE_WINDOW_MS = 5 * 60_000;

interface MetricsStore {
  /** Finished jobs per 10 s over the last 5 minutes, by sparkKey (the list's sparklines). */
  throughput: Record<string, number[]>;
  queue: QueueMetrics | null;
  /** The range shown; null until chosen, then the live view if the queue was active in the last 5 minutes. */
  range: RangeKey | null;
  error: string | null;
  loadThroughput(queues: Array<{ name: string; engine: EngineName }>): Promise<void>;
  loadQueue(queue: string): Promise<void>;
  setRange(range: RangeKey, queue: string): void;
}

/** Queues of two engines may share a name. */
export const sparkKey = (engine: EngineName, queue: string): string => `${engine}:${queue}`;

/** The engine of the queue the panel shows (a bare link names none: whichever engine lists it). */
function engineOf(queue: string): EngineName {
  const routed = useQueuesRoute.getState().engine;
  return useQueues.getState().queues.find((q) => isRouted(q, queue, routed))?.engine ?? routed ?? 'bullmq';
}

const readQueue = (queue: string, range: RangeKey): Promise<QueueMetrics> =>
  api.call('metrics.queue', {
    queue,
    engine: engineOf(queue),
    prefix: useQueues.getState().prefix,
    minutes: RANGES[range].minutes,
    resolution: RANGES[range].resolution,
  });

export const useMetrics = create<MetricsStore>((set, get) => ({
  throughput: {},
  queue: null,
  range: null,
  error: null,
  async loadThroughput(queues) {
    if (!queues.length) return;
    const prefix = useQueues.getState().prefix;
    const engines = [...new Set(queues.map((q) => q.engine))];
    try {
      const lists = await Promise.all(
        engines.map(async (engine) => {
          const names = queues.filter((q) => q.engine === engine).map((q) => q.name);
          const list = await api.call('metrics.throughput', { prefix, engine, queues: names, ...SPARK });
          return list.map((q) => [sparkKey(engine, q.queue), q.values] as const);
        }),
      );
      set({ throughput: Object.fromEntries(lists.flat()) });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  async loadQueue(queue) {
    try {
      const chosen = get().range;
      if (chosen) return set({ queue: await readQueue(queue, chosen), error: null });
      const live = await readQueue(queue, '5m');
      if (get().range) return; // chosen meanwhile
      const active = live.lastEventAt !== null && Date.now() - live.lastEventAt < ACTIVE_WINDOW_MS;
      if (active) return set({ queue: live, range: '5m', error: null });
      set({ queue: await readQueue(queue, '1h'), range: get().range ?? '1h', error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  setRange(range, queue) {
    set({ range });
    void get().loadQueue(queue);
  },
}));

/**
 * Reloads metrics when the engine reports new counts (jobs finished): the sparklines every few seconds at most,
 * and with `queue`, that queue's metrics at the pace of the range shown.
 */
export function useMetricsSync(queue: string | null): void {
  const range = useMetrics((s) => s.range);
  useEffect(() => {
    const names = (): Array<{ name: string; engine: EngineName }> => useQueues.getState().queues;
    const spark = trailingThrottle(
      () => void useMetrics.getState().loadThroughput(names()),
      SPARK_REFRESH_MS,
    );
    spark();
    const off = api.on('queues.counts', () => spark());
    // Job events too: a queue found after its jobs were removed on completion shows no change of counts at all,
    // and its finished jobs reach the host's live counts with the events (a trailing reload follows the last).
    const offEvents = api.on('queues.events', () => spark());
    return () => {
      off();
      offEvents();
      spark.cancel();
    };
  }, []);
  useEffect(() => {
    if (queue && useMetrics.getState().queue?.queue !== queue)
      useMetrics.setState({ queue: null, range: null });
  }, [queue]);
  useEffect(() => {
    if (!queue) return;
    const pace = range === '5m' ? LIVE_REFRESH_MS : REFRESH_MS;
    const reload = trailingThrottle(() => void useMetrics.getState().loadQueue(queue), pace);
    reload();
    const off = api.on('queues.counts', () => reload());
    return () => {
      off();
      reload.cancel();
    };
  }, [queue, range]);
}
