import type { BigMode } from './value-layout';

/**
 * Messages to the value worker: start a value, add a base64 slice, lay out what has arrived, fetch rows.
 * The laid-out text stays in the worker; the page only ever receives the rows it shows.
 */
export type WorkerRequest =
  | { type: 'begin'; length: number }
  | { type: 'chunk'; start: number; base64: string }
  | { type: 'layout'; id: number; mode: BigMode | 'auto'; loaded: number; complete: boolean }
  | { type: 'rows'; id: number; layout: number; from: number; to: number }
  /** Serve mode: the worker reads bytes [from, to) itself from the download endpoint, off the main thread. */
  | { type: 'fetch'; id: number; url: string; from: number; to: number; length: number }
  | { type: 'abort'; id: number };

export type WorkerReply =
  | { type: 'layout'; id: number; mode: BigMode; rows: number }
  | { type: 'rows'; id: number; layout: number; from: number; rows: string[] }
  | { type: 'progress'; id: number; loaded: number }
  | { type: 'fetched'; id: number; loaded: number; error?: string };
