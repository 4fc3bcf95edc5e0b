import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { MessageRow } from '../../stores/pubsub-format';

/**
 * Newest rows go on top. At the top the table follows the live edge; scrolled down to read, it shifts the scroll
 * by the rows added above so the rows being read stay where they are.
 */
export function useKeepPlace(
  scroller: RefObject<HTMLDivElement | null>,
  rows: MessageRow[],
  rowHeight: number,
): void {
  const newestSeen = useRef(0);
  const newest = rows.at(-1)?.id ?? 0;
  useLayoutEffect(() => {
    const before = newestSeen.current;
    newestSeen.current = newest;
    const el = scroller.current;
    if (!el || before === 0 || el.scrollTop < rowHeight) return;
    let added = 0;
    for (let i = rows.length - 1; i >= 0 && rows[i]!.id > before; i--) added++;
    if (added > 0) el.scrollTop += added * rowHeight;
  }, [scroller, rows, newest, rowHeight]);
}
