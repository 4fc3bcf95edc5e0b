import { useMemo } from 'react';

/**
 * The loaded element whose row id is `id`. Looked up again only when the selection or the loaded pages
 * change (`pages`), not on every render: with 200k elements loaded a scan per render is a dropped frame.
 */
export function useSelected<T>(
  items: T[],
  idOf: (item: T) => string,
  id: string | null,
  pages: unknown,
): T | undefined {
  // eslint-disable-next-line react-hooks/exhaustive-deps -- idOf is a plain accessor; `pages` stands for items
  return useMemo(() => (id === null ? undefined : items.find((x) => idOf(x) === id)), [id, pages, items]);
}
