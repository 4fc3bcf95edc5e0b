import { useLayoutEffect, useRef } from 'react';
import type { DisplayRows } from './display-rows';

export function indexOf(display: DisplayRows, id: string): number {
  for (let i = 0; i < display.length; i++) {
    const d = display.at(i);
    if (d?.kind === 'key' && d.row.id === id) return i;
  }
  return -1;
}

/**
 * Keeps the user's place when the rows change under them (the scan ends and the list is sorted, a batch lands
 * in the tree): the open key, if it is on screen, else the top row, stays where it was in the viewport.
 * Runs before paint, so the list never shows the jump.
 */
export function useKeepPlace(
  display: DisplayRows,
  scroller: React.RefObject<HTMLDivElement | null>,
  rowHeight: number,
  activeId: string | null,
): void {
  const before = useRef<DisplayRows | null>(null);
  useLayoutEffect(() => {
    const prev = before.current;
    before.current = display;
    const el = scroller.current;
    if (!prev || prev === display || !el) return;
    const top = el.scrollTop;
    if (top === 0 && activeId === null) return;
    const visible = (i: number): boolean => i * rowHeight >= top && i * rowHeight < top + el.clientHeight;
    const activeAt = activeId === null ? -1 : indexOf(prev, activeId);
    const anchorAt = visible(activeAt) ? activeAt : Math.floor(top / rowHeight);
    const anchor = prev.at(anchorAt);
    if (anchor?.kind !== 'key') return;
    const now = indexOf(display, anchor.row.id);
    if (now < 0 || now === anchorAt) return;
    el.scrollTop = top + (now - anchorAt) * rowHeight;
  }, [display, scroller, rowHeight, activeId]);
}

/**
 * Brings the open key into view when it is opened from outside the list (a key just created, a link from a
 * job): once per opening, as soon as its row is listed, and only if it is off screen.
 */
export function useRevealActive(
  display: DisplayRows,
  scroller: React.RefObject<HTMLDivElement | null>,
  rowHeight: number,
  activeId: string | null,
): void {
  const pending = useRef<string | null>(null);
  const last = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (activeId !== last.current) {
      last.current = activeId;
      pending.current = activeId;
    }
    const el = scroller.current;
    const id = pending.current;
    if (!el || id === null) return;
    const at = indexOf(display, id);
    if (at < 0) return; // not listed yet: the next batch may bring it
    pending.current = null;
    const y = at * rowHeight;
    if (y + rowHeight > el.scrollTop && y < el.scrollTop + el.clientHeight) return; // some of it shows
    el.scrollTop = Math.max(0, y - el.clientHeight / 2);
  }, [display, scroller, rowHeight, activeId]);
}
