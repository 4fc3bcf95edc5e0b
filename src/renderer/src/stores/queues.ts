import { useEffect } from 'react';
import { create } from 'zustand';
import type { EngineAction, EngineCapabilities, EngineName, QueueSummary } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { useQueuesRoute } from './queues-route';

interface QueuesStore {
  /** The BullMQ key prefix being browsed. */
  prefix: string;
  queues: QueueSummary[];
  /** What each engine can do (queues.engines), to offer only the actions that work. */
  engines: EngineCapabilities[];
  loaded: boolean;
  error: string | null;
  /** Whether a rescan the user asked for runs. */
  rescanning: boolean;
  /** Lists from what the host knows (a big keyspace is not walked again for each view). */
  load(): Promise<void>;
  /** Walks the keyspace for queues now: finds ones created elsewhere that the slow background pass has not. */
  rescan(): Promise<void>;
  setPrefix(prefix: string): void;
}

export const useQueues = create<QueuesStore>((set, get) => {
  const list = async (refresh: boolean): Promise<void> => {
    const prefix = get().prefix;
    try {
      if (get().engines.length === 0) set({ engines: await api.call('queues.engines', {}) });
      // queues.list also starts the host's live feed (queues.counts, queues.events) for this prefix.
      const queues = await api.call('queues.list', refresh ? { prefix, refresh } : { prefix });
      if (get().prefix === prefix) set({ queues: sortByName(queues), loaded: true, error: null });
    } catch (err) {
      set({ error: errorMessage(err), loaded: true });
    }
  };
  return {
    prefix: 'bull',
    queues: [],
    engines: [],
    loaded: false,
    error: null,
    rescanning: false,
    load: () => list(false),
    async rescan() {
      set({ rescanning: true });
      try {
        await list(true);
      } finally {
        set({ rescanning: false });
      }
    },
    setPrefix(prefix) {
      set({ prefix, queues: [], loaded: false });
      void get().load();
    },
  };
});

/** The open queue's engine as its link names it, else the engine listing the queue (BullMQ when none does yet). */
export function engineOf(queue: string): EngineName {
  const route = useQueuesRoute.getState();
  if (route.queue === queue && route.engine) return route.engine;
  return useQueues.getState().queues.find((q) => q.name === queue)?.engine ?? 'bullmq';
}

/** Whether a listed queue is the one a route (queue name, engine or null for any) points at. */
export function isRouted(q: QueueSummary, queue: string | null, engine: EngineName | null): boolean {
  return q.name === queue && (engine === null || q.engine === engine);
}

/** The reference every queue/job call takes: queue, prefix and engine. */
export function queueRef(queue: string): { queue: string; prefix: string; engine: EngineName } {
  return { queue, prefix: useQueues.getState().prefix, engine: engineOf(queue) };
}

/** Whether an engine offers an action; unknown until queues.engines answered, then as reported. */
export function engineCan(engine: EngineName, action: EngineAction): boolean {
  const caps = useQueues.getState().engines.find((e) => e.engine === engine);
  return caps ? caps.actions[action] : engine === 'bullmq';
}

/** Whether an engine honours a task option (legacy Bull: no expiry); unknown until queues.engines answered. */
export function engineTakes(engine: EngineName, option: keyof EngineCapabilities['options']): boolean {
  const caps = useQueues.getState().engines.find((e) => e.engine === engine);
  return caps ? caps.options[option] : engine === 'bullmq';
}

/** Whether a job in this state can be retried: failed ones everywhere, completed ones on BullMQ only. */
export function engineRetries(engine: EngineName, state: string): boolean {
  if (!engineCan(engine, 'retry')) return false;
  return state === 'failed' || (state === 'completed' && engine === 'bullmq');
}

/** Whether an engine's job lists have this state (Celery keeps no per-queue list of finished tasks). */
export function engineLists(engine: EngineName, state: string): boolean {
  const caps = useQueues.getState().engines.find((e) => e.engine === engine);
  return caps ? (caps.states as string[]).includes(state) : engine === 'bullmq';
}

function sortByName(list: QueueSummary[]): QueueSummary[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name));
}

/** Keeps the queue list live while a component that needs it is mounted: counts come as events, not polls. */
export function useQueuesSync(): void {
  useEffect(() => {
    const { load } = useQueues.getState();
    void load();
    const offCounts = api.on('queues.counts', ({ prefix, engine, queues }) => {
      const s = useQueues.getState();
      const prefixless = s.engines.find((e) => e.engine === engine)?.usesPrefix === false;
      if (prefix !== s.prefix && !prefixless) return;
      // Each engine reports its own rows: keep the other engines' ones.
      const others = engine ? s.queues.filter((q) => q.engine !== engine) : [];
      useQueues.setState({ queues: sortByName([...others, ...queues]), error: null });
    });
    const offConnection = api.on('connection.changed', (s) => s.state === 'connected' && void load());
    const offLink = api.onLink((up) => up && void load());
    return () => {
      offCounts();
      offConnection();
      offLink();
    };
  }, []);
}

/**
 * Calls back when one queue's counts change. Cleans and drains send no per-job events, so views of jobs reload
 * on this too.
 */
export function onQueueCountsChange(queue: string, cb: () => void): () => void {
  const countsOf = (s: QueuesStore): string =>
    JSON.stringify(s.queues.find((q) => q.name === queue)?.counts ?? null);
  return useQueues.subscribe((s, prev) => {
    if (countsOf(s) !== countsOf(prev)) cb();
  });
}
