import { create } from 'zustand';
import { MAX_UPLOAD_CHUNK, type ImportCheck, type ImportResult } from '../../../shared/contract';
import { api, errorMessage } from '../api';

type Phase = 'idle' | 'uploading' | 'checking' | 'ready' | 'importing' | 'done';

export interface KeyImportState {
  phase: Phase;
  fileName: string | null;
  /** Bytes of the file sent so far / in all. */
  sent: number;
  size: number;
  uploadId: string | null;
  check: ImportCheck | null;
  imported: number;
  lines: number;
  result: ImportResult | null;
  error: string | null;
  importId: string | null;
  /** Sends the file to the core in chunks (the same way in the app and in the browser), then checks it. */
  load(file: File): Promise<void>;
  /** `confirm`: for replace, the number of existing keys the user agreed to overwrite. */
  run(onExisting: 'skip' | 'replace', confirm?: number): Promise<void>;
  stop(): Promise<void>;
  reset(): void;
}

const initial = {
  phase: 'idle' as Phase,
  fileName: null,
  sent: 0,
  size: 0,
  uploadId: null,
  check: null,
  imported: 0,
  lines: 0,
  result: null,
  error: null,
  importId: null,
};

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export const useKeyImport = create<KeyImportState>((set, get) => ({
  ...initial,
  async load(file) {
    set({ ...initial, phase: 'uploading', fileName: file.name, size: file.size });
    try {
      let uploadId: string | undefined;
      let offset = 0;
      do {
        const chunk = new Uint8Array(await file.slice(offset, offset + MAX_UPLOAD_CHUNK).arrayBuffer());
        const r = await api.call('keys.uploadChunk', { uploadId, offset, data: base64(chunk) });
        uploadId = r.uploadId;
        offset = r.bytes;
        set({ sent: offset, uploadId });
      } while (offset < file.size);
      set({ phase: 'checking' });
      const check = await api.call('keys.importCheck', { uploadId: uploadId! });
      set({ phase: 'ready', check });
    } catch (err) {
      set({ phase: 'idle', error: errorMessage(err) });
    }
  },
  async run(onExisting, confirm) {
    const { uploadId } = get();
    if (!uploadId) return;
    const importId = `imp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    set({ phase: 'importing', importId, error: null });
    const off = api.on('keys.importProgress', (e) => {
      if (e.importId === importId) set({ imported: e.imported + e.skipped, lines: e.lines });
    });
    try {
      const result = await api.call('keys.import', { uploadId, onExisting, confirm, importId });
      set({ phase: 'done', result, uploadId: null });
    } catch (err) {
      set({ phase: 'ready', error: errorMessage(err) });
    } finally {
      off();
    }
  },
  async stop() {
    const { importId } = get();
    if (importId) await api.call('keys.importStop', { importId });
  },
  reset: () => set(initial),
}));
