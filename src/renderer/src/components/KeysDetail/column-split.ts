import { useMemo, useRef, useState } from 'react';
import type { Rows } from '../../stores/packed-list';

/** About one character of the 12.5 px monospace cells, and a cell's horizontal padding. */
const CHAR_PX = 7.6;
const PAD_PX = 18;
const MIN_PX = 48;
/** Rows looked at to size the first column: enough to be typical, few enough to cost nothing. */
const SAMPLE = 200;

/**
 * The first column's width: sized to the longest first cell among the first rows (never past 60% of the
 * table, so the value column keeps room), or wherever the user dragged the divider.
 */
export function useColumnSplit<T>(
  items: Rows<T>,
  firstText: (item: T) => string,
  columns: number,
  pages: unknown,
): { template: string; startDrag(e: React.PointerEvent<HTMLElement>): void } {
  const [dragged, setDragged] = useState<number | null>(null);
  const start = useRef<{ x: number; width: number } | null>(null);
  const fitted = useMemo(() => {
    let chars = 0;
    for (let i = 0; i < Math.min(SAMPLE, items.length); i++) {
      const item = items.at(i);
      if (item !== undefined) chars = Math.max(chars, firstText(item).length);
    }
    return Math.max(MIN_PX, Math.round(chars * CHAR_PX + PAD_PX));
    // `pages` stands for the rows' contents, which grow in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, pages]);
  if (columns < 2) return { template: '1fr', startDrag: () => undefined };
  const rest = `repeat(${columns - 1}, minmax(0, 1fr))`;
  const template = dragged !== null ? `${dragged}px ${rest}` : `min(${fitted}px, 60%) ${rest}`;
  const startDrag = (e: React.PointerEvent<HTMLElement>): void => {
    const cell = e.currentTarget.parentElement;
    if (!cell) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = { x: e.clientX, width: cell.getBoundingClientRect().width };
    const move = (ev: PointerEvent): void => {
      if (!start.current) return;
      const table = cell.parentElement?.getBoundingClientRect().width ?? Infinity;
      setDragged(
        Math.min(table - MIN_PX, Math.max(MIN_PX, start.current.width + ev.clientX - start.current.x)),
      );
    };
    const up = (): void => {
      start.current = null;
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  return { template, startDrag };
}
