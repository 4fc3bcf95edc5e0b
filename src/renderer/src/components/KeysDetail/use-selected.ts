import { useMemo } from 'react';
import { findRow, type Rows } from '../../stores/packed-list';

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
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `pages` stands for the rows' contents
  return useMemo(() => (id === null ? undefined : findRow(rows, key, id)), [id, pages, rows, key]);
}
