import { create } from 'zustand';
import type { PubSubMessagesEvent } from '../../../shared/contract';
import { appendCapped, type MessageRow } from './pubsub-format';
import { coalescer, type MergedBatch } from './pubsub-intake';

/** Received-count samples for the msgs/s meter: [time ms, received]. */
type Sample = [number, number];

interface MessagesStore {
  rows: MessageRow[];
  /** The table's rows while paused; new messages keep arriving in `rows`. */
  frozen: MessageRow[] | null;
  nextId: number;
  /** Host counters at the last batch, and where this window's count starts (the first batch seen, or a clear). */
  hostReceived: number;
  hostDropped: number;
  base: { received: number; dropped: number } | null;
  /** Messages that reached this window since its count started: with dropped, it must add up to received. */
  delivered: number;
  /** Delivered here but pushed out of the kept rows by newer ones. */
  trimmed: number;
  samples: Sample[];
  filter: string;
  selected: MessageRow | null;
  addBatch(batch: PubSubMessagesEvent): void;
  clear(): void;
  togglePause(): void;
  setFilter(filter: string): void;
  select(row: MessageRow | null): void;
}

const SAMPLE_WINDOW_MS = 3000;

/** Applies merged batches to the store: rows capped, ids given, counters moved on. */
function applyMerged(m: MergedBatch): void {
  const s = usePubSubMessages.getState();
  const firstId = s.nextId + m.count - m.messages.length;
  const { rows, trimmed } = appendCapped(s.rows, m.messages, firstId);
  // The host's counters only grow: smaller ones come from a new host process (serve restarted), so count afresh.
  const restarted = m.first.received < s.hostReceived;
  const now = performance.now();
  const samples = restarted ? [] : s.samples.filter(([t]) => now - t < SAMPLE_WINDOW_MS);
  samples.push([now, m.received]);
  // The first batch this window sees starts its count: earlier traffic happened before it was listening.
  const base =
    s.base && !restarted
      ? s.base
      : { received: m.first.received - m.first.messages.length, dropped: m.first.dropped };
  usePubSubMessages.setState({
    rows,
    base,
    delivered: (restarted ? 0 : s.delivered) + m.count,
    nextId: s.nextId + m.count,
    trimmed: s.trimmed + trimmed + (m.count - m.messages.length),
    hostReceived: m.received,
    hostDropped: m.dropped,
    samples,
  });
}

const RENDER_EVERY_MS = 200;
const intake = coalescer(applyMerged, RENDER_EVERY_MS);

export const usePubSubMessages = create<MessagesStore>((set, get) => ({
  rows: [],
  frozen: null,
  nextId: 1,
  hostReceived: 0,
  hostDropped: 0,
  base: null,
  delivered: 0,
  trimmed: 0,
  samples: [],
  filter: '',
  selected: null,
  addBatch: (batch) => intake.push(batch),
  clear() {
    intake.flush();
    const s = get();
    set({
      rows: [],
      frozen: s.frozen ? [] : null,
      trimmed: 0,
      delivered: 0,
      selected: null,
      base: s.base ? { received: s.hostReceived, dropped: s.hostDropped } : null,
    });
  },
  togglePause() {
    const s = get();
    set({ frozen: s.frozen ? null : s.rows });
  },
  setFilter: (filter) => set({ filter }),
  select: (selected) => set({ selected }),
}));

/** Messages per second received by the host over the last few seconds (0 when quiet). */
export function receiveRate(samples: Sample[], now = performance.now()): number {
  const recent = samples.filter(([t]) => now - t < SAMPLE_WINDOW_MS);
  if (recent.length < 2) return 0;
  const [t0, r0] = recent[0]!;
  const [t1, r1] = recent[recent.length - 1]!;
  // A meter that still shows the last burst long after it ended would mislead.
  if (now - t1 > 1500) return 0;
  return t1 > t0 ? ((r1 - r0) * 1000) / (t1 - t0) : 0;
}
