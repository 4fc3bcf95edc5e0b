import { create } from 'zustand';
import type {
  ProfilerLine,
  ProfilerLinesEvent,
  ProfilerStatus,
  ProfilerStopReason,
} from '../../../shared/contract';
import { api, errorMessage } from '../api';

/** Lines kept on screen, newest first; older ones are dropped and counted. */
export const PROFILER_KEPT = 5000;

interface ProfilerStore {
  seconds: number;
  excludeOwn: boolean;
  /** On a cluster: the node to watch ("host:port"), or '' for every primary. */
  node: string;
  running: ProfilerStatus | null;
  /** Newest first. */
  lines: ProfilerLine[];
  totals: { received: number; dropped: number; ownHidden: number };
  /** Lines that reached the page but fell off the kept list. */
  scrolledOff: number;
  stopped: ProfilerStopReason | null;
  /** The host's own words for the stop, when it gave some (figures of a guard that tripped). */
  stopDetail: string | null;
  error: string | null;
  setSeconds(n: number): void;
  setExcludeOwn(on: boolean): void;
  setNode(node: string): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

let intake: (() => void) | null = null;

function take(e: ProfilerLinesEvent): void {
  const s = useProfiler.getState();
  if (e.profilerId !== s.running?.profilerId) return;
  const fresh = e.lines.slice().reverse();
  const all = fresh.length > 0 ? [...fresh, ...s.lines] : s.lines;
  const lines = all.length > PROFILER_KEPT ? all.slice(0, PROFILER_KEPT) : all;
  useProfiler.setState({
    lines,
    scrolledOff: s.scrolledOff + (all.length - lines.length),
    totals: { received: e.received, dropped: e.dropped, ownHidden: e.ownHidden },
    ...(e.stopped ? { running: null, stopped: e.stopped, stopDetail: e.stopDetail ?? null } : {}),
  });
}

export const useProfiler = create<ProfilerStore>((set, get) => ({
  seconds: 30,
  excludeOwn: true,
  node: '',
  running: null,
  lines: [],
  totals: { received: 0, dropped: 0, ownHidden: 0 },
  scrolledOff: 0,
  stopped: null,
  stopDetail: null,
  error: null,
  setSeconds: (n) => set({ seconds: n }),
  setExcludeOwn: (on) => set({ excludeOwn: on }),
  setNode: (node) => set({ node }),
  async start() {
    intake ??= api.on('server.profilerLines', take);
    const { seconds, excludeOwn, node } = get();
    const profilerId = `p-${Date.now().toString(36)}`;
    // Set before the call: the first batch can arrive before the reply does.
    const startedAt = Date.now();
    set({
      running: { profilerId, startedAt, endsAt: startedAt + seconds * 1000, excludeOwn },
      lines: [],
      totals: { received: 0, dropped: 0, ownHidden: 0 },
      scrolledOff: 0,
      stopped: null,
      stopDetail: null,
      error: null,
    });
    try {
      const status = await api.call('server.profilerStart', {
        seconds,
        excludeOwn,
        profilerId,
        ...(node ? { node } : {}),
      });
      if (get().running?.profilerId === profilerId) set({ running: status });
    } catch (err) {
      set({ running: null, error: errorMessage(err) });
    }
  },
  async stop() {
    const id = get().running?.profilerId;
    if (!id) return;
    try {
      await api.call('server.profilerStop', { profilerId: id });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
}));
