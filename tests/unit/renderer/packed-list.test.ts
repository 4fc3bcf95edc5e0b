import { describe, expect, it } from 'vitest';
import { findRow, PackedList } from '../../../src/renderer/src/stores/packed-list';

describe('PackedList: a loaded collection kept as JSON text', () => {
  it('gives back every element in order across pages', () => {
    const list = new PackedList<{ field: string; value: string }>();
    list.push([{ field: 'a', value: '1' }]);
    list.push([]);
    list.push([
      { field: 'b', value: 'x"y' },
      { field: 'c', value: '€' },
    ]);
    expect(list.length).toBe(3);
    expect([0, 1, 2].map((i) => list.at(i))).toEqual([
      { field: 'a', value: '1' },
      { field: 'b', value: 'x"y' },
      { field: 'c', value: '€' },
    ]);
    expect(list.at(3)).toBeUndefined();
  });

  it('finds by the first property without matching inside values or longer numbers', () => {
    const list = new PackedList<{ index: number; value: string }>();
    list.push([
      { index: 50, value: '{"index":5}' },
      { index: 5, value: 'five' },
    ]);
    expect(findRow(list, 'index', '5')).toEqual({ index: 5, value: 'five' });
    expect(findRow(list, 'index', '7')).toBeUndefined();
    const hash = new PackedList<{ field: string; value: string }>();
    hash.push([{ field: 'k', value: '{"field":"j"}' }]);
    expect(findRow(hash, 'field', 'j')).toBeUndefined();
    expect(findRow([{ field: 'j', value: '' }], 'field', 'j')).toEqual({ field: 'j', value: '' });
  });
});
