import { autoMode, hexRow, HEX_COLS, prettyJson, textRows, utf8Text, type BigMode } from './value-layout';
import { fetchInto } from './fetch-range';
import type { WorkerReply, WorkerRequest } from './value-protocol';

/**
 * Holds a big string's bytes as its slices arrive and does the heavy work (base64, UTF-8, JSON, line
 * splitting). Runs in the value worker, off the page's main thread; the page asks for the rows in view and
 * gets just those. (Where no worker can start, the page runs it itself, slower but working.)
 */
export function createValueEngine(reply: (m: WorkerReply) => void): (m: WorkerRequest) => void {
  let bytes = new Uint8Array(0);
  let layoutId = 0;
  let rowOf: (i: number) => string = () => '';
  let rowCount = 0;

  function decodeInto(start: number, base64: string): void {
    const bin = atob(base64);
    for (let i = 0; i < bin.length; i++) bytes[start + i] = bin.charCodeAt(i);
  }

  function layout(
    mode: BigMode | 'auto',
    loaded: number,
    complete: boolean,
  ): { mode: BigMode; rows: number } {
    const view = bytes.subarray(0, loaded);
    const chosen = mode === 'auto' ? autoMode(view, complete) : mode;
    if (chosen === 'hex') {
      const copy = view.slice();
      rowOf = (i) => hexRow(copy, i);
      return { mode: 'hex', rows: Math.ceil(copy.length / HEX_COLS) };
    }
    const text = utf8Text(view) ?? new TextDecoder().decode(view);
    const pretty = chosen === 'json' ? prettyJson(text) : null;
    const shown = pretty ?? text;
    const { starts, ends } = textRows(shown);
    rowOf = (i) => shown.slice(starts[i], ends[i]);
    return { mode: pretty ? 'json' : 'text', rows: starts.length };
  }

  const fetches = new Map<number, AbortController>();

  return (m) => {
    switch (m.type) {
      case 'begin':
        bytes = new Uint8Array(m.length);
        return;
      case 'chunk':
        return decodeInto(m.start, m.base64);
      case 'fetch': {
        const abort = new AbortController();
        fetches.set(m.id, abort);
        const progress = (loaded: number): void => reply({ type: 'progress', id: m.id, loaded });
        void fetchInto(bytes, m, abort.signal, progress).then((r) => {
          fetches.delete(m.id);
          reply({ type: 'fetched', id: m.id, ...r });
        });
        return;
      }
      case 'abort':
        return fetches.get(m.id)?.abort();
      case 'layout': {
        layoutId = m.id;
        const laid = layout(m.mode, m.loaded, m.complete);
        rowCount = laid.rows;
        return reply({ type: 'layout', id: m.id, ...laid });
      }
      case 'rows': {
        // Rows of a layout replaced meanwhile come back empty; the page has dropped that layout.
        const rows: string[] = [];
        const to = m.layout === layoutId ? Math.min(m.to, rowCount) : 0;
        for (let i = m.from; i < to; i++) rows.push(rowOf(i));
        return reply({ type: 'rows', id: m.id, layout: m.layout, from: m.from, rows });
      }
    }
  };
}
