import { create } from 'zustand';
import type { CommandDoc, ConsoleResult, HistoryEntry, RespReply } from '../../../shared/contract';
import { api, ClientError, errorMessage } from '../api';
import { pickedNode } from './cluster-nodes';

/** Output entries kept on screen; older ones are dropped (history keeps the lines). */
const MAX_ENTRIES = 200;
/** Streamed replies kept per entry (SUBSCRIBE, MONITOR). */
const MAX_STREAMED = 2000;

export interface ConsoleEntry {
  id: number;
  input: string;
  runId: string;
  running: boolean;
  results: ConsoleResult[];
  /** Replies a streaming command produced so far. */
  streamed: RespReply[];
  streamDropped: number;
  error: string | null;
}

interface ConsoleStore {
  entries: ConsoleEntry[];
  docs: CommandDoc[];
  history: HistoryEntry[];
  raw: boolean;
  /** A destructive command waiting for the user's yes, with the server-side reason. */
  confirm: { input: string; reason: string } | null;
  run(input: string, confirm?: boolean): Promise<void>;
  cancel(runId: string): Promise<void>;
  dismissConfirm(): void;
  setRaw(raw: boolean): void;
  clear(): void;
  loadDocs(): Promise<void>;
  loadHistory(query?: string): Promise<void>;
}

let nextId = 1;
let streamSync: (() => void) | null = null;

export const useConsole = create<ConsoleStore>((set, get) => {
  const patch = (id: number, fn: (e: ConsoleEntry) => Partial<ConsoleEntry>): void =>
    set((s) => ({ entries: s.entries.map((e) => (e.id === id ? { ...e, ...fn(e) } : e)) }));
  return {
    entries: [],
    docs: [],
    history: [],
    raw: false,
    confirm: null,
    async run(input, confirm = false) {
      ensureStreamSync();
      const id = nextId++;
      const runId = `run-${Date.now().toString(36)}-${id}`;
      const entry: ConsoleEntry = {
        id,
        input,
        runId,
        running: true,
        results: [],
        streamed: [],
        streamDropped: 0,
        error: null,
      };
      set((s) => ({ entries: [...s.entries, entry].slice(-MAX_ENTRIES), confirm: null }));
      try {
        const r = await api.call('console.run', { line: input, confirm, runId, ...pickedNode() });
        patch(id, () => ({ running: false, results: r.results }));
      } catch (err) {
        if (err instanceof ClientError && err.code === 'CONFIRMATION_REQUIRED') {
          set((s) => ({
            entries: s.entries.filter((e) => e.id !== id),
            confirm: { input, reason: err.message },
          }));
          return;
        }
        patch(id, () => ({ running: false, error: errorMessage(err) }));
      }
      void get().loadHistory();
    },
    async cancel(runId) {
      await api.call('console.cancel', { runId });
    },
    dismissConfirm: () => set({ confirm: null }),
    setRaw: (raw) => set({ raw }),
    clear: () => set((s) => ({ entries: s.entries.filter((e) => e.running) })),
    async loadDocs() {
      if (get().docs.length) return;
      try {
        set({ docs: (await api.call('console.docs', {})).commands });
      } catch {
        // Without docs there is no completion; the console still runs commands.
      }
    },
    async loadHistory(query) {
      set({ history: (await api.call('console.history', { query, limit: 200 })).entries });
    },
  };
});

/** Streamed replies reach the entry whose run produced them. */
function ensureStreamSync(): void {
  streamSync ??= api.on('console.stream', ({ runId, replies, dropped }) => {
    useConsole.setState((s) => ({
      entries: s.entries.map((e) =>
        e.runId === runId
          ? {
              ...e,
              streamed: [...e.streamed, ...replies].slice(-MAX_STREAMED),
              streamDropped:
                e.streamDropped + dropped + Math.max(0, e.streamed.length + replies.length - MAX_STREAMED),
            }
          : e,
      ),
    }));
  });
}
