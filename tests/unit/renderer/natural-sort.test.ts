import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../../src/renderer/src/pages/Keys/natural';

const sorted = (names: string[]): string[] => [...names].sort(naturalCompare);

describe('naturalCompare', () => {
  it('compares runs of digits as numbers', () => {
    expect(sorted(['board:100076', 'board:10008', 'board:9', 'board:10'])).toEqual([
      'board:9',
      'board:10',
      'board:10008',
      'board:100076',
    ]);
    expect(sorted(['v1.10.2', 'v1.9.10', 'v1.9.2', 'v1.10'])).toEqual([
      'v1.9.2',
      'v1.9.10',
      'v1.10',
      'v1.10.2',
    ]);
    expect(sorted(['a2b10', 'a2b9', 'a10b1'])).toEqual(['a2b9', 'a2b10', 'a10b1']);
  });

  it('keeps plain text in code unit order, shorter first', () => {
    expect(sorted(['b', 'a:', 'a', 'B', 'ab'])).toEqual(['B', 'a', 'a:', 'ab', 'b']);
    expect(sorted(['x:', 'x1', 'x'])).toEqual(['x', 'x1', 'x:']);
  });

  it('puts the form with more leading zeros after the same number, and numbers before letters', () => {
    expect(sorted(['a01', 'a1', 'a001', 'a2'])).toEqual(['a1', 'a01', 'a001', 'a2']);
    expect(sorted(['id:x', 'id:5'])).toEqual(['id:5', 'id:x']);
    expect(naturalCompare('a0', 'a00')).toBeLessThan(0);
    expect(naturalCompare('q:007', 'q:007')).toBe(0);
  });

  it('is a total order: antisymmetric, transitive, zero only for equal strings', () => {
    const name = fc.stringMatching(/^[a0-9:]{0,8}$/);
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        const ab = Math.sign(naturalCompare(a, b));
        expect(ab + Math.sign(naturalCompare(b, a))).toBe(0);
        expect(ab === 0).toBe(a === b);
        if (ab <= 0 && naturalCompare(b, c) <= 0) expect(naturalCompare(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 5000 },
    );
  });
});
