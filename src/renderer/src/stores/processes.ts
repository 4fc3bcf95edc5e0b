import { useEffect } from 'react';
import { create } from 'zustand';
import type { ProcessInfo, ProcessLogLine } from '../../../shared/contract';
import { api, errorMessage } from '../api';

/** Log lines kept in the renderer, all processes together; older ones are dropped and counted. */
export const LOG_CAP = 5000;

interface ProcessesStore {
  processes: ProcessInfo[];
  logs: ProcessLogLine[];
  droppedLogs: number;
  error: string | null;
  load(): Promise<void>;
}

export const useProcesses = create<ProcessesStore>((set) => ({
  processes: [],
  logs: [],
  droppedLogs: 0,
  error: null,
  async load() {
    try {
      const [processes, logs] = await Promise.all([
        api.call('processes.list', {}),
        api.call('processes.logs', { limit: LOG_CAP }),
      ]);
      set({ processes, logs, error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
}));

export function appendLogs(
  kept: ProcessLogLine[],
  lines: ProcessLogLine[],
  cap = LOG_CAP,
): { logs: ProcessLogLine[]; cut: number } {
  const all = kept.concat(lines);
  const cut = Math.max(0, all.length - cap);
  return { logs: cut ? all.slice(cut) : all, cut };
}

/** Processes and their logs, live from the supervisor's events. */
export function useProcessesSync(): void {
  useEffect(() => {
    void useProcesses.getState().load();
    const offChanged = api.on('processes.changed', (processes) => useProcesses.setState({ processes }));
    const offLog = api.on('processes.log', ({ lines, dropped }) => {
      const s = useProcesses.getState();
      const { logs, cut } = appendLogs(s.logs, lines);
      useProcesses.setState({ logs, droppedLogs: s.droppedLogs + cut + dropped });
    });
    const offLink = api.onLink((up) => up && void useProcesses.getState().load());
    return () => {
      offChanged();
      offLog();
      offLink();
    };
  }, []);
}
