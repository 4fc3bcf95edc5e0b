/** Pure layout of a big value into display rows: run inside the value worker, unit-tested on its own. */

export type BigMode = 'text' | 'json' | 'hex';

/** Characters per display row: long lines wrap so no row is wider than a screen. */
export const TEXT_COLS = 160;
export const HEX_COLS = 16;

export interface TextRows {
  starts: Uint32Array;
  ends: Uint32Array;
}

/** Splits text at newlines, and every line again each `cols` characters. */
export function textRows(text: string, cols = TEXT_COLS): TextRows {
  const starts: number[] = [];
  const ends: number[] = [];
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    let s = pos;
    do {
      starts.push(s);
      ends.push(Math.min(s + cols, end));
      s += cols;
    } while (s < end);
    if (nl < 0) break;
    pos = nl + 1;
  }
  return { starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}

/** UTF-8 text when the bytes are UTF-8 (a sequence cut at the end of a partial load does not count). */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return null;
  }
}

/** Pretty JSON when the text is a JSON object or array, else null. */
export function prettyJson(text: string): string | null {
  const first = /\S/.exec(text.slice(0, 1000))?.[0];
  if (first !== '{' && first !== '[') return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

/** Binary opens as hex, JSON pretty, everything else as text (as the small viewer chooses). */
export function autoMode(bytes: Uint8Array, complete: boolean): BigMode {
  const text = utf8Text(bytes);
  if (text === null) return 'hex';
  return complete && prettyJson(text) !== null ? 'json' : 'text';
}

/** One hex row: offset, 16 bytes in hex, and their printable ASCII. */
export function hexRow(bytes: Uint8Array, row: number, cols = HEX_COLS): string {
  const start = row * cols;
  const slice = bytes.subarray(start, Math.min(start + cols, bytes.length));
  let hex = '';
  let ascii = '';
  for (let i = 0; i < cols; i++) {
    const b = slice[i];
    hex += b === undefined ? '   ' : `${b.toString(16).padStart(2, '0')} `;
    if (b !== undefined) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  return `${start.toString(16).padStart(8, '0')}  ${hex} ${ascii}`;
}

/** The first index at or after `i` that does not fall inside a UTF-8 sequence (at most 3 steps). */
export function utf8Boundary(bytes: Uint8Array, i: number): number {
  let at = i;
  while (at < bytes.length && at - i < 3 && ((bytes[at] ?? 0) & 0xc0) === 0x80) at++;
  return at;
}
