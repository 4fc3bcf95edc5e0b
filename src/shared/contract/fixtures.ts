import { z } from 'zod';
import { type } from './define';
import { ByteEncoding, type NodeScanProgress } from './keys';
import { RunId } from './workbench';

/** Server-made ids of uploads and snapshots: nothing that could name another file. */
const FileId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'not an id this server made');
/** An absolute path on the machine the core runs on (the app's own dialog, or a test). */
const FilePath = z
  .string()
  .min(2)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be an absolute path');

/** `jsonl`: readable, one key a line with its value in JSON; `dump`: Redis' own DUMP payloads (exact, any type). */
export const ExportFormat = z.enum(['jsonl', 'dump']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The most bytes one `keys.uploadChunk` carries (base64 inflates it by 4/3, well under the frame cap). */
export const MAX_UPLOAD_CHUNK = 8 * 1024 * 1024;

export interface ExportResult {
  exportId: string;
  /** `cancelled`: the save dialog was closed; `stopped`: `keys.exportStop` (no file is left either way). */
  status: 'done' | 'stopped' | 'cancelled';
  keys: number;
  bytes: number;
  fileName: string;
  /** Where it was written (a path given or picked); null when it waits for the browser's download. */
  path: string | null;
  /** For `/api/download?export=…` in serve mode (the file is deleted once downloaded); else null. */
  downloadId: string | null;
}

export interface ExportProgressEvent {
  exportId: string;
  keys: number;
  bytes: number;
  /** Share of the keyspace walked, 0..1. */
  progress: number;
  done: boolean;
  /** On a cluster: progress of each primary (all walked at once); `total` is its DBSIZE, `seen` names scanned. */
  nodes?: NodeScanProgress[];
}

export interface ImportLineError {
  line: number;
  message: string;
}

export interface ImportResult {
  importId: string;
  lines: number;
  imported: number;
  /** Keys left alone because they existed (onExisting: skip). */
  skipped: number;
  /** Keys overwritten (onExisting: replace). */
  replaced: number;
  /** The first 100 bad lines; `errorCount` counts them all. Bad lines change nothing. */
  errors: ImportLineError[];
  errorCount: number;
  stopped: boolean;
}

export interface ImportCheck {
  /** Keys on the file's valid lines. */
  keys: number;
  /** Of those, keys that exist now: the `confirm` an import with replace needs. */
  existing: number;
  /** Lines that will be reported and skipped. */
  badLines: number;
}

export interface ImportProgressEvent {
  importId: string;
  /** `counting`: reading the file for keys that exist (replace); `importing`: writing. */
  phase: 'counting' | 'importing';
  lines: number;
  imported: number;
  skipped: number;
  replaced: number;
  errorCount: number;
  bytesRead: number;
  totalBytes: number;
  done: boolean;
}

export interface Snapshot {
  id: string;
  name: string;
  createdAt: number;
  keys: number;
  bytes: number;
  /** Made by the app itself (the data just before a restore). */
  auto: boolean;
}

export interface SnapshotList {
  /** Snapshots are of the embedded Redis only; `reason` says why not when false. */
  available: boolean;
  reason: string | null;
  snapshots: Snapshot[];
}

export const fixturesMethods = {
  /**
   * Writes every key matching `match` (SCAN, page by page) with its TTL to a file, streamed: to `path`, else
   * to where the app's save dialog says, else (serve mode) to a file the page downloads from `/api/download`.
   */
  'keys.export': {
    input: z
      .object({
        match: z.string().min(1).max(10_000).default('*'),
        /** base64 when the pattern holds bytes that are not UTF-8. */
        matchEncoding: ByteEncoding.optional(),
        format: ExportFormat,
        path: FilePath.optional(),
        exportId: RunId.optional(),
        /** The most of each server's (each primary's) time the walk may take; 1, the default, is unpaced. */
        share: z.number().min(0.01).max(1).optional(),
      })
      .strict(),
    output: type<ExportResult>(),
  },
  'keys.exportStop': {
    input: z.object({ exportId: RunId.optional() }).strict(),
    output: type<{ stopped: number }>(),
  },
  /**
   * Appends a piece of a file to import (serve mode has no path to give): the first call has no `uploadId`
   * and gets one; each next one must start where the last ended.
   */
  'keys.uploadChunk': {
    input: z
      .object({
        uploadId: FileId.optional(),
        offset: z.number().int().min(0),
        /** base64 */
        data: z.string().max(Math.ceil(MAX_UPLOAD_CHUNK / 3) * 4),
      })
      .strict(),
    output: type<{ uploadId: string; bytes: number }>(),
  },
  /** Reads an import file first: how many keys it holds, how many of them exist now (what replace overwrites). */
  'keys.importCheck': {
    input: z
      .object({ path: FilePath.optional(), uploadId: FileId.optional() })
      .strict()
      .refine((p) => (p.path === undefined) !== (p.uploadId === undefined), 'give either path or uploadId'),
    output: type<ImportCheck>(),
  },
  /**
   * Imports a file made by `keys.export` (either format, told apart line by line). With `replace`, keys that
   * exist are overwritten only when `confirm` equals how many of them would be (counted first; else
   * CONFIRMATION_REQUIRED and nothing is written). A bad line is reported with its number and skipped.
   */
  'keys.import': {
    input: z
      .object({
        path: FilePath.optional(),
        uploadId: FileId.optional(),
        onExisting: z.enum(['skip', 'replace']),
        confirm: z.number().int().min(0).optional(),
        importId: RunId.optional(),
      })
      .strict()
      .refine((p) => (p.path === undefined) !== (p.uploadId === undefined), 'give either path or uploadId'),
    output: type<ImportResult>(),
  },
  'keys.importStop': {
    input: z.object({ importId: RunId.optional() }).strict(),
    output: type<{ stopped: number }>(),
  },
  'snapshots.list': { input: z.object({}).strict(), output: type<SnapshotList>() },
  /** BGSAVE of the embedded Redis, its RDB copied under `snapshots/` in the data folder. */
  'snapshots.save': {
    input: z.object({ name: z.string().trim().min(1).max(100) }).strict(),
    output: type<Snapshot>(),
  },
  /**
   * Replaces the embedded Redis' data with a snapshot (stop, swap files, start). `confirm` must equal the keys
   * there now; they are saved first as an automatic "before restore" snapshot.
   */
  'snapshots.restore': {
    input: z.object({ id: FileId, confirm: z.number().int().min(0).optional() }).strict(),
    output: type<{ restored: Snapshot; before: Snapshot; keys: number }>(),
  },
  /** Deletes a snapshot; `confirm` must equal the keys it holds. */
  'snapshots.remove': {
    input: z.object({ id: FileId, confirm: z.number().int().min(0).optional() }).strict(),
    output: type<{ removed: string }>(),
  },
};

export const fixturesEvents = {
  'keys.exportProgress': type<ExportProgressEvent>(),
  'keys.importProgress': type<ImportProgressEvent>(),
};
