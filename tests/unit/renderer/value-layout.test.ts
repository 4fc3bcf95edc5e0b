import { describe, expect, it } from 'vitest';
import {
  autoMode,
  hexRow,
  prettyJson,
  textRows,
  utf8Boundary,
  utf8Text,
} from '../../../src/renderer/src/workers/value-layout';

const rowsOf = (text: string, cols: number): string[] => {
  const { starts, ends } = textRows(text, cols);
  return Array.from(starts, (s, i) => text.slice(s, ends[i]));
};

describe('big value layout (the value worker)', () => {
  it('splits at newlines and wraps long lines, keeping empty lines', () => {
    expect(rowsOf('ab\n\ncdefg', 3)).toEqual(['ab', '', 'cde', 'fg']);
    expect(rowsOf('', 3)).toEqual(['']);
    expect(rowsOf('abc\n', 3)).toEqual(['abc', '']);
    const long = 'x'.repeat(1000);
    expect(rowsOf(long, 160).join('')).toBe(long);
  });

  it('moves a slice edge past UTF-8 continuation bytes, never more than 3', () => {
    const euro = new Uint8Array([0x61, 0xe2, 0x82, 0xac, 0x62]); // a € b
    expect(utf8Boundary(euro, 2)).toBe(4);
    expect(utf8Boundary(euro, 1)).toBe(1);
    expect(utf8Boundary(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x41]), 0)).toBe(3);
  });

  it('tells text from binary, even when a partial load ends inside a character', () => {
    expect(utf8Text(new Uint8Array([0x61, 0xe2, 0x82]))).toBe('a');
    expect(utf8Text(new Uint8Array([0xff, 0x00]))).toBeNull();
    expect(autoMode(new TextEncoder().encode('{"a":[1]}'), true)).toBe('json');
    expect(autoMode(new TextEncoder().encode('{"a":[1'), false)).toBe('text');
    expect(autoMode(new Uint8Array([0xc3, 0x28]), true)).toBe('hex');
    expect(prettyJson('[1,2]')).toBe('[\n  1,\n  2\n]');
    expect(prettyJson('plain')).toBeNull();
  });

  it('draws a hex row with offset, bytes and printable ASCII', () => {
    const bytes = new Uint8Array(20).map((_, i) => 0x41 + i);
    expect(hexRow(bytes, 1)).toBe(`00000010  51 52 53 54 ${'   '.repeat(12)} QRST`);
  });
});
