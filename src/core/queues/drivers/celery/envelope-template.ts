/**
 * Reading the search fields of many envelopes of one shape without JSON.parse, exactly.
 *
 * Messages of one producer and task differ only inside some string values (ids, delivery tags, the base64 body,
 * argsrepr). A template is an envelope JSON.parse accepted, with no backslash or control character, cut at the
 * string values seen to differ ("slots"). A text that is the template's fixed parts with slot contents that hold no
 * quote, backslash or control character is valid JSON of exactly that structure (a string's content was swapped
 * for another valid one), so its fields are known from where they sit: a handful of native string compares instead
 * of building ~40 values. Anything else is left to JSON.parse.
 */
export interface EnvelopeFields {
  id: string | undefined;
  task: string | undefined;
  body: string | undefined;
  bodyEncoding: string | undefined;
}

type FieldName = keyof EnvelopeFields;

/** Texts the quote-pair reading cannot take: escapes (a quote may then be content) and control characters. */
// eslint-disable-next-line no-control-regex -- JSON strings may not hold them raw: exactly what is looked for
const UNCLEAN = /[\u0000-\u001f\\]/;
/** A slot's content: up to the next quote, stopping at what would need escaping. */
// eslint-disable-next-line no-control-regex -- as above
const CONTENT = /[^"\\\u0000-\u001f]*/y;

/** Whether `text` holds `part` at `at`; a slice compare, as startsWith with a long part is far slower in V8. */
function same(text: string, at: number, part: string): boolean {
  return text.slice(at, at + part.length) === part;
}

interface Literal {
  /** Index of the first content character (after the opening quote) and of the closing quote. */
  from: number;
  to: number;
  isKey: boolean;
}

/** Every string literal of a clean JSON text: without backslashes, quotes simply pair up. */
function literals(text: string): Literal[] | null {
  const out: Literal[] = [];
  for (let open = text.indexOf('"'); open >= 0; open = text.indexOf('"', open)) {
    const close = text.indexOf('"', open + 1);
    if (close < 0) return null;
    let after = close + 1;
    while (text.charCodeAt(after) === 32) after++;
    out.push({ from: open + 1, to: close, isKey: text.charCodeAt(after) === 58 });
    open = close + 1;
  }
  return out;
}

/** Which literal holds each search field (the last one, as JSON.parse keeps the last of duplicate keys). */
function fieldLiterals(text: string, lits: Literal[]): Map<FieldName, number> {
  const found = new Map<FieldName, number>();
  const stack: Array<{ object: boolean; key: string | null }> = [];
  let at = 0;
  const structure = (until: number): void => {
    for (; at < until; at++) {
      const c = text.charCodeAt(at);
      if (c === 123 || c === 91) stack.push({ object: c === 123, key: null });
      else if (c === 125 || c === 93) stack.pop();
    }
  };
  lits.forEach((lit, i) => {
    structure(lit.from - 1);
    at = lit.to + 1;
    const top = stack[stack.length - 1];
    if (!top?.object) return;
    const content = text.slice(lit.from, lit.to);
    if (lit.isKey) return void (top.key = content);
    const [outer, inner] = stack;
    let field: FieldName | null = null;
    if (stack.length === 1 && top.key === 'body') field = 'body';
    else if (stack.length === 2 && outer?.key === 'headers' && (inner?.key === 'id' || inner?.key === 'task'))
      field = inner.key;
    else if (stack.length === 2 && outer?.key === 'properties' && inner?.key === 'body_encoding')
      field = 'bodyEncoding';
    if (field) found.set(field, i);
  });
  return found;
}

export class EnvelopeTemplate {
  /** Fixed text before each slot and after the last one. */
  private readonly fixed: string[] = [];
  private readonly slotOf = new Map<FieldName, number>();
  private readonly constant: EnvelopeFields = {
    id: undefined,
    task: undefined,
    body: undefined,
    bodyEncoding: undefined,
  };
  private readonly spans: number[] = [];

  private constructor(
    private readonly base: string,
    private readonly lits: Literal[],
    private readonly fields: Map<FieldName, number>,
    private readonly slots: Set<number>,
  ) {
    let from = 0;
    const order = [...slots].sort((a, b) => a - b);
    order.forEach((index, k) => {
      const lit = lits[index] as Literal;
      this.fixed.push(base.slice(from, lit.from));
      from = lit.to;
      for (const [name, at] of fields) if (at === index) this.slotOf.set(name, k);
    });
    this.fixed.push(base.slice(from));
    for (const [name, at] of fields) {
      const lit = lits[at] as Literal;
      if (!this.slotOf.has(name)) this.constant[name] = base.slice(lit.from, lit.to);
    }
  }

  /**
   * A template of `text`, which JSON.parse read as `parsed`; null when the text is not clean or a field is not a
   * plain string where JSON.parse put it.
   */
  static of(text: string, parsed: EnvelopeFields): EnvelopeTemplate | null {
    if (UNCLEAN.test(text)) return null;
    const lits = literals(text);
    if (!lits) return null;
    const fields = fieldLiterals(text, lits);
    for (const name of ['id', 'task', 'body', 'bodyEncoding'] as const) {
      const at = fields.get(name);
      const lit = at === undefined ? undefined : lits[at];
      if ((lit ? text.slice(lit.from, lit.to) : undefined) !== parsed[name]) return null;
    }
    return new EnvelopeTemplate(text, lits, fields, new Set());
  }

  /** This template grown by the values in which `text` (JSON.parse accepted it) differs; null if it differs more. */
  widen(text: string): EnvelopeTemplate | null {
    if (UNCLEAN.test(text)) return null;
    const lits = literals(text);
    if (!lits || lits.length !== this.lits.length) return null;
    const slots = new Set(this.slots);
    let from = 0;
    let baseFrom = 0;
    for (let i = 0; i < lits.length; i++) {
      const lit = lits[i] as Literal;
      const mine = this.lits[i] as Literal;
      if (text.slice(from, lit.from) !== this.base.slice(baseFrom, mine.from)) return null;
      if (!slots.has(i) && text.slice(lit.from, lit.to) !== this.base.slice(mine.from, mine.to)) {
        if (mine.isKey) return null; // another key could name another field
        slots.add(i);
      }
      from = lit.to;
      baseFrom = mine.to;
    }
    if (text.slice(from) !== this.base.slice(baseFrom)) return null;
    return new EnvelopeTemplate(this.base, this.lits, this.fields, slots);
  }

  /** A field of the text `read` has just cut into slots. */
  private pick(name: FieldName, text: string): string | undefined {
    const k = this.slotOf.get(name);
    return k === undefined ? this.constant[name] : text.slice(this.spans[2 * k], this.spans[2 * k + 1]);
  }

  /** The fields of `text` if it has this template's shape, else null. */
  read(text: string): EnvelopeFields | null {
    const spans = this.spans;
    let at = 0;
    const last = this.fixed.length - 1;
    for (let k = 0; k < last; k++) {
      const fixed = this.fixed[k] as string;
      if (!same(text, at, fixed)) return null;
      at += fixed.length;
      CONTENT.lastIndex = at;
      CONTENT.test(text);
      const end = CONTENT.lastIndex;
      if (text.charCodeAt(end) !== 34) return null;
      spans[2 * k] = at;
      spans[2 * k + 1] = end;
      at = end;
    }
    const tail = this.fixed[last] as string;
    if (text.length - at !== tail.length || !same(text, at, tail)) return null;
    return {
      id: this.pick('id', text),
      task: this.pick('task', text),
      body: this.pick('body', text),
      bodyEncoding: this.pick('bodyEncoding', text),
    };
  }
}
