import { useEffect } from 'react';
import { create } from 'zustand';
import type { JobEvent } from '../../../shared/contract';
import { api, errorMessage } from '../api';

/** Events read from the stored history, and kept in view (older ones are dropped). */
const KEPT = 2000;

/** One task as its latest event shows it. */
export interface TaskLine {
  id: string;
  task: string | null;
  kind: JobEvent['kind'];
  ts: number;
  detail: string | null;
}

interface CeleryHistory {
  queue: string | null;
  events: JobEvent[];
  /** How many of `events` came from the history kept in Redis (seen by an earlier QueueDesk, too). */
  stored: number;
  error: string | null;
}

export const useCeleryHistory = create<CeleryHistory>(() => ({
  queue: null,
  events: [],
  stored: 0,
  error: null,
}));

const keyOf = (e: JobEvent): string => `${e.id}|${e.kind}|${e.ts}`;

/** Stored and live events in time order, each once (a live event may also be in the history read). */
export function mergeEvents(a: JobEvent[], b: JobEvent[]): JobEvent[] {
  const seen = new Set<string>();
  const out: JobEvent[] = [];
  for (const e of [...a, ...b]) {
    const key = keyOf(e);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out.sort((x, y) => x.ts - y.ts).slice(-KEPT);
}

/** Tasks newest first, each with the state of its latest event and the name any of its events gave. */
export function taskLines(events: JobEvent[]): TaskLine[] {
  const byId = new Map<string, TaskLine>();
  for (const e of events) {
    const line = byId.get(e.id);
    const detail =
      e.failedReason ?? (e.returnValue !== undefined ? String(e.returnValue) : (line?.detail ?? null));
    byId.delete(e.id); // re-inserted last: the map's order is the latest-event order
    byId.set(e.id, { id: e.id, task: e.task ?? line?.task ?? null, kind: e.kind, ts: e.ts, detail });
  }
  return [...byId.values()].reverse();
}

/**
 * A Celery queue's task events: the history kept in Redis (`queues.eventHistory`, so what an earlier QueueDesk
 * saw is still there after a restart) merged with the live `queues.events`.
 */
export function useCeleryHistorySync(queue: string): void {
  useEffect(() => {
    let live: JobEvent[] = [];
    let loaded = false;
    useCeleryHistory.setState({ queue, events: [], stored: 0, error: null });
    // Celery events carry the empty prefix; a BullMQ queue of the same name has one.
    const off = api.on('queues.events', ({ events }) => {
      const mine = events.filter((e) => e.queue === queue && e.prefix === '');
      if (mine.length === 0) return;
      if (!loaded) live = [...live, ...mine];
      else useCeleryHistory.setState((s) => ({ events: mergeEvents(s.events, mine) }));
    });
    api
      .call('queues.eventHistory', { engine: 'celery', queue, limit: KEPT })
      .then(({ events }) => {
        loaded = true;
        useCeleryHistory.setState({ events: mergeEvents(events, live), stored: events.length, error: null });
        live = [];
      })
      .catch((err) => {
        loaded = true;
        useCeleryHistory.setState({ events: live, error: errorMessage(err) });
      });
    return off;
  }, [queue]);
}
