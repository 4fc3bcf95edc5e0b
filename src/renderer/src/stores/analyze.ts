import { create } from 'zustand';
import type { AnalyzeProgressEvent, AnalyzeReport } from '../../../shared/contract';
import { api, errorMessage } from '../api';

export interface AnalyzeForm {
  match: string;
  delimiter: string;
  top: number;
}

interface AnalyzeStore {
  form: AnalyzeForm;
  running: string | null;
  progress: AnalyzeProgressEvent | null;
  report: AnalyzeReport | null;
  error: string | null;
  setForm(patch: Partial<AnalyzeForm>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

let progressSync: (() => void) | null = null;

export const useAnalyze = create<AnalyzeStore>((set, get) => ({
  form: { match: '', delimiter: ':', top: 50 },
  running: null,
  progress: null,
  report: null,
  error: null,
  setForm: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
  async start() {
    progressSync ??= api.on('keys.analyzeProgress', (p) => {
      if (p.analysisId === useAnalyze.getState().running) useAnalyze.setState({ progress: p });
    });
    const { match, delimiter, top } = get().form;
    const analysisId = `a-${Date.now().toString(36)}`;
    set({ running: analysisId, progress: null, error: null });
    try {
      const report = await api.call('keys.analyze', {
        match: match.trim() || undefined,
        delimiter: delimiter || ':',
        top,
        analysisId,
      });
      set({ report });
    } catch (err) {
      set({ error: errorMessage(err) });
    } finally {
      set({ running: null });
    }
  },
  async stop() {
    const id = get().running;
    if (id) await api.call('keys.analyzeStop', { analysisId: id });
  },
}));
