import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayBytes, escapeBytes, parseBytes, patternBytes } from '../../../src/shared/bytes/escape';
import { fromBytes, toBytes } from '../../../src/shared/bytes/wire';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('displayBytes', () => {
  it('shows printable names as they are', () => {
    for (const s of ['user:1', 'a b', 'café:日本', 'a"b', 'back\\slash', '{"json":1}'])
      expect(displayBytes(text(s))).toBe(s);
  });

  it('quotes and escapes the rest the way redis-cli does', () => {
    expect(displayBytes(Uint8Array.from([0xff, 0x00, ...text('abc')]))).toBe('"\\xff\\x00abc"');
    expect(displayBytes(text('a\nb\tc\r'))).toBe('"a\\nb\\tc\\r"');
    expect(displayBytes(text('"quoted"'))).toBe('"\\"quoted\\""');
    expect(displayBytes(bytes(0x07, 0x08, 0x7f))).toBe('"\\a\\b\\x7f"');
    expect(displayBytes(text(' lead'))).toBe('" lead"');
    expect(displayBytes(text('x\\\n'))).toBe('"x\\\\\\n"');
    // A bidi override or zero-width space would hide or reorder text: shown as its bytes.
    expect(displayBytes(text('a\u202eb'))).toBe('"a\\xe2\\x80\\xaeb"');
    expect(displayBytes(text('a\u200bb'))).toBe('"a\\xe2\\x80\\x8bb"');
    // Broken UTF-8 (a lone continuation byte, an overlong form, a surrogate) byte by byte.
    expect(displayBytes(bytes(0x61, 0x80))).toBe('"a\\x80"');
    expect(displayBytes(bytes(0xc0, 0xaf))).toBe('"\\xc0\\xaf"');
    expect(displayBytes(bytes(0xed, 0xa0, 0x80))).toBe('"\\xed\\xa0\\x80"');
    expect(displayBytes(new Uint8Array())).toBe('""');
  });

  it('reads back as the same bytes, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(parseBytes(displayBytes(b))).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back text with any characters as the same bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        expect(parseBytes(displayBytes(text(s)))).toEqual(text(s));
      }),
    );
  });

  it('never shows a control character, and only quotes what needs it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        const shown = displayBytes(b);
        expect(shown).not.toMatch(/[\p{Cc}\p{Cf}]/u);
        if (!shown.startsWith('"')) expect(text(shown)).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('escapes a quoted form byte for byte (the inside of displayBytes)', () => {
    expect(escapeBytes(text('a"b\\'))).toBe('a\\"b\\\\');
  });
});

describe('parseBytes', () => {
  it('takes unquoted text literally', () => {
    expect(parseBytes('a\\xff')).toEqual(text('a\\xff'));
  });

  it('reads redis-cli escapes inside quotes', () => {
    expect(parseBytes('"\\xff\\x00abc"')).toEqual(Uint8Array.from([0xff, 0, ...text('abc')]));
    expect(parseBytes('"\\n\\r\\t\\a\\b\\\\\\"\\q"')).toEqual(text('\n\r\t\x07\x08\\"q'));
    expect(parseBytes('"é"')).toEqual(text('é'));
    expect(parseBytes('"\\xzz"')).toEqual(text('xzz'));
  });

  it('refuses a quoted form that does not close, or text after it', () => {
    expect(() => parseBytes('"abc')).toThrow(/closing quote/);
    expect(() => parseBytes('"ab"c')).toThrow(/after the closing quote/);
    expect(() => parseBytes('"ab\\"')).toThrow(/closing quote/);
  });
});

describe('patternBytes', () => {
  it('turns byte escapes into bytes and keeps glob escapes for Redis', () => {
    expect(patternBytes('\\xff*')).toEqual(bytes(0xff, 0x2a));
    expect(patternBytes('a\\*b\\?\\[\\\\')).toEqual(text('a\\*b\\?\\[\\\\'));
    expect(patternBytes('\\n\\x00')).toEqual(bytes(0x0a, 0x00));
    expect(patternBytes('\\xg')).toEqual(text('\\xg'));
    expect(patternBytes('end\\')).toEqual(text('end\\'));
    expect(patternBytes('user:*')).toEqual(text('user:*'));
  });
});

describe('wire bytes', () => {
  it('round-trips any bytes through text or base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(toBytes(fromBytes(b))).toEqual(b);
      }),
    );
  });
});
