/**
 * Reads back the Python `repr` of plain data (None, bools, numbers, str, list, tuple, dict with str keys), as
 * Celery's task-received event carries a task's args and kwargs. Anything else (bytes, sets, objects, a repr cut
 * at 1024 characters) gives null: the caller must not guess.
 */
export function parsePyLiteral(text: string): { value: unknown } | null {
  const p = { s: text, i: 0 };
  try {
    const value = parseValue(p);
    skipSpace(p);
    return p.i === p.s.length ? { value } : null;
  } catch {
    return null;
  }
}

interface Cursor {
  s: string;
  i: number;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
};
const WORDS: Record<string, unknown> = { None: null, True: true, False: false };

function skipSpace(p: Cursor): void {
  while (p.i < p.s.length && /\s/.test(p.s[p.i] as string)) p.i++;
}

function fail(p: Cursor): never {
  throw new Error(`not a literal at ${p.i}`);
}

function parseValue(p: Cursor): unknown {
  skipSpace(p);
  const c = p.s[p.i];
  if (c === "'" || c === '"') return parseString(p, c);
  if (c === '[') return parseItems(p, ']');
  if (c === '(') return parseItems(p, ')');
  if (c === '{') return parseDict(p);
  const word = /^(None|True|False)\b/.exec(p.s.slice(p.i));
  if (word) {
    p.i += (word[1] as string).length;
    return WORDS[word[1] as string];
  }
  const num = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(p.s.slice(p.i));
  if (!num) fail(p);
  p.i += num[0].length;
  const n = Number(num[0]);
  if (!Number.isFinite(n)) fail(p);
  return n;
}

function parseString(p: Cursor, quote: string): string {
  let out = '';
  for (p.i++; p.i < p.s.length; p.i++) {
    const c = p.s[p.i] as string;
    if (c === quote) {
      p.i++;
      return out;
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = p.s[++p.i] as string;
    const hex = { x: 2, u: 4, U: 8 }[e];
    if (hex) {
      const code = p.s.slice(p.i + 1, p.i + 1 + hex);
      if (!/^[0-9a-fA-F]+$/.test(code) || code.length !== hex) fail(p);
      out += String.fromCodePoint(parseInt(code, 16));
      p.i += hex;
    } else if (e in ESCAPES) out += ESCAPES[e];
    else fail(p);
  }
  return fail(p);
}

/** A list or tuple (both become arrays); `(1,)` is a one-item tuple. */
function parseItems(p: Cursor, close: string): unknown[] {
  const out: unknown[] = [];
  p.i++;
  for (;;) {
    skipSpace(p);
    if (p.s[p.i] === close) {
      p.i++;
      return out;
    }
    out.push(parseValue(p));
    skipSpace(p);
    if (p.s[p.i] === ',') p.i++;
    else if (p.s[p.i] !== close) fail(p);
  }
}

function parseDict(p: Cursor): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  p.i++;
  for (;;) {
    skipSpace(p);
    if (p.s[p.i] === '}') {
      p.i++;
      return out;
    }
    const key = parseValue(p);
    if (typeof key !== 'string') fail(p); // a set, or a key JSON cannot hold
    skipSpace(p);
    if (p.s[p.i++] !== ':') fail(p);
    // Defined, not assigned: a "__proto__" key stays a plain key, as JSON.parse keeps it.
    Object.defineProperty(out, key, {
      value: parseValue(p),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    skipSpace(p);
    if (p.s[p.i] === ',') p.i++;
    else if (p.s[p.i] !== '}') fail(p);
  }
}
