import { useMemo } from 'react';
import { findRow, type Rows } from '../../stores/packed-list';

/** The row last clicked in an EntryTable: the element is then at hand, without searching 200k for it. */
let clicked: { rows: Rows<unknown>; index: number } | null = null;

export function rememberClick(rows: Rows<unknown>, index: number): void {
  clicked = { rows, index };
}

/**
 * The loaded element whose `key` is `id`. Looked up again only when the selection or the loaded pages
 * change (`pages`), not on every render: with 200k elements loaded a scan per render is a dropped frame.
 */
export function useSelected<T>(
  rows: Rows<T>,
  key: keyof T & string,
  id: string | null,
  pages: unknown,
): T | undefined {
  return useMemo(() => {
    if (id === null) return undefined;
    const hit = clicked?.rows === rows ? (rows.at(clicked.index) as T | undefined) : undefined;
    return hit != null && String(hit[key]) === id ? hit : findRow(rows, key, id);
    // `pages` stands for the rows' contents, which grow in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, pages, rows, key]);
}
