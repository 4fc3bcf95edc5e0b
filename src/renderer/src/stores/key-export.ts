import { create } from 'zustand';
import type { ExportFormat, ExportResult } from '../../../shared/contract';
import { matchParams } from '../../../shared/bytes/match';
import { api, errorMessage } from '../api';
import { exportDownloadUrl, startDownload } from '../api/download';

export interface KeyExportState {
  running: boolean;
  exportId: string | null;
  keys: number;
  bytes: number;
  progress: number;
  result: ExportResult | null;
  error: string | null;
  start(match: string, format: ExportFormat): Promise<void>;
  stop(): Promise<void>;
  reset(): void;
}

const idle = { running: false, exportId: null, keys: 0, bytes: 0, progress: 0, result: null, error: null };

/**
 * One export at a time: the core writes the file (to the app's save dialog's path, or for serve mode a file the
 * page then downloads once); progress comes as events.
 */
export const useKeyExport = create<KeyExportState>((set, get) => ({
  ...idle,
  async start(match, format) {
    const exportId = `exp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    set({ ...idle, running: true, exportId });
    const off = api.on('keys.exportProgress', (e) => {
      if (e.exportId === exportId) set({ keys: e.keys, bytes: e.bytes, progress: e.progress });
    });
    try {
      const result = await api.call('keys.export', { ...matchParams(match), format, exportId });
      if (result.downloadId) startDownload(exportDownloadUrl(result.downloadId));
      set({ result, keys: result.keys, bytes: result.bytes || get().bytes, progress: 1 });
    } catch (err) {
      set({ error: errorMessage(err) });
    } finally {
      off();
      set({ running: false });
    }
  },
  async stop() {
    const { exportId } = get();
    if (exportId) await api.call('keys.exportStop', { exportId });
  },
  reset: () => set(idle),
}));
