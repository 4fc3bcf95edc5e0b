/**
 * Byte strings as people read and type them, the way redis-cli shows them: printable text as is, everything
 * else as escapes inside double quotes (`"\xff\x00abc"`, `"a\nb"`, `"say \"hi\""`). Unlike redis-cli, valid
 * UTF-8 that prints (é, 日本) stays text. One module for the core (console lines) and the renderer (key names,
 * values, the filter), so what is shown can be typed back and means the same bytes.
 */

const NAMED: Record<number, string> = { 0x0a: 'n', 0x0d: 'r', 0x09: 't', 0x07: 'a', 0x08: 'b' };
const FROM_NAMED: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, a: 0x07, b: 0x08 };

// Controls, format characters (bidi overrides, zero-width), separators and unassigned code points hide or
// reorder text: they are shown as their bytes.
const HIDDEN = /[\p{C}\p{Z}]/u;

const hex = (b: number): string => `\\x${b.toString(16).padStart(2, '0')}`;

/** Length of the valid UTF-8 sequence starting at `i` (0 when there is none). */
function utf8Length(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function codePoint(b: Uint8Array, i: number, n: number): number {
  if (n === 2) return ((b[i]! & 0x1f) << 6) | (b[i + 1]! & 0x3f);
  if (n === 3) return ((b[i]! & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
  return (
    ((b[i]! & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f)
  );
}

/** The bytes with escapes for whatever does not print, `\` and `"` escaped too (the inside of a quoted form). */
export function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const c = bytes[i]!;
    if (c < 0x80) {
      if (c === 0x5c) out += '\\\\';
      else if (c === 0x22) out += '\\"';
      else if (c >= 0x20 && c < 0x7f) out += String.fromCharCode(c);
      else out += NAMED[c] ? `\\${NAMED[c]}` : hex(c);
      i++;
      continue;
    }
    const n = utf8Length(bytes, i);
    const ch = n ? String.fromCodePoint(codePoint(bytes, i, n)) : '';
    if (n && !HIDDEN.test(ch)) {
      out += ch;
      i += n;
    } else {
      out += hex(c);
      i++;
    }
  }
  return out;
}

/** True when the bytes read back unchanged as plain text: printable, not quoted-looking, no edge blanks. */
function readsAsIs(bytes: Uint8Array, escaped: string): boolean {
  if (bytes.length === 0 || bytes[0] === 0x22 || bytes[0] === 0x20 || bytes[bytes.length - 1] === 0x20)
    return false;
  // Only `\` and `"` were escaped: the text is the bytes themselves.
  return escaped.replace(/\\[\\"]/g, '').indexOf('\\') < 0;
}

/** A key name, member or value for display: as is when it prints, else quoted with escapes (redis-cli style). */
export function displayBytes(bytes: Uint8Array): string {
  const escaped = escapeBytes(bytes);
  if (readsAsIs(bytes, escaped)) return new TextDecoder().decode(bytes);
  return `"${escaped}"`;
}

/**
 * One escape inside double quotes, at `chars[i]` (a `\`): the bytes it stands for and how many characters it
 * took. `\xHH`, `\n \r \t \a \b`, and `\` before any other character stands for that character (`\\`, `\"`).
 */
export function readEscape(chars: readonly string[], i: number): { bytes: number[]; used: number } {
  const next = chars[i + 1];
  if (next === undefined) return { bytes: [0x5c], used: 1 };
  if (next === 'x' && isHex(chars[i + 2]) && isHex(chars[i + 3]))
    return { bytes: [parseInt(chars[i + 2]! + chars[i + 3]!, 16)], used: 4 };
  const named = FROM_NAMED[next];
  return { bytes: named !== undefined ? [named] : utf8(next), used: 2 };
}

const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);
const utf8 = (s: string): number[] => Array.from(new TextEncoder().encode(s));

/**
 * What the user typed for a name, as bytes: `"…"` is read with escapes (what `displayBytes` shows), anything
 * else is taken literally as UTF-8. Throws on a quoted form that does not close.
 */
export function parseBytes(text: string): Uint8Array {
  if (!text.startsWith('"')) return new TextEncoder().encode(text);
  const chars = Array.from(text);
  const out: number[] = [];
  for (let i = 1; i < chars.length; ) {
    const c = chars[i]!;
    if (c === '"') {
      if (i !== chars.length - 1) throw new Error('text after the closing quote');
      return Uint8Array.from(out);
    }
    if (c === '\\') {
      const e = readEscape(chars, i);
      out.push(...e.bytes);
      i += e.used;
    } else {
      out.push(...utf8(c));
      i++;
    }
  }
  throw new Error('missing closing quote');
}

/**
 * A SCAN MATCH pattern typed with byte escapes: `\xHH` and `\n \r \t \a \b` become the bytes, while glob
 * escapes (`\*`, `\?`, `\[`, `\\`) are kept for Redis to read, so `\xff*` matches names starting with 0xff.
 */
export function patternBytes(text: string): Uint8Array {
  const chars = Array.from(text);
  const out: number[] = [];
  for (let i = 0; i < chars.length; ) {
    const c = chars[i]!;
    const e = c === '\\' ? readEscape(chars, i) : null;
    // Only byte escapes are read here; `\x` without two hex digits stays as typed (Redis: a literal x).
    if (e && (e.used === 4 || FROM_NAMED[chars[i + 1]!] !== undefined)) {
      out.push(...e.bytes);
      i += e.used;
    } else if (e && e.used === 2) {
      out.push(...utf8(c + chars[i + 1]!));
      i += 2;
    } else {
      out.push(...utf8(c));
      i++;
    }
  }
  return Uint8Array.from(out);
}
