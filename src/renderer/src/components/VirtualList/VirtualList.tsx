import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import './VirtualList.css';

interface Props {
  count: number;
  rowHeight: number;
  renderRow(index: number): React.ReactNode;
  /** Called with the visible index range once scrolling rests for `rangeDelayMs` (150 ms by default). */
  onRangeChange?(start: number, end: number): void;
  rangeDelayMs?: number;
  overscan?: number;
  testId?: string;
  label?: string;
  /** The scrolling element, for a caller that keeps the user's place when the rows change under it. */
  scrollerRef?: React.RefObject<HTMLDivElement | null>;
}

/**
 * A fixed-row-height list that renders only what is on screen. The range is plain arithmetic, so neither a
 * scroll step nor a growing count costs more with a million rows (@tanstack/react-virtual rebuilds a
 * measurement per row whenever the count changes, which stalls a list that grows while a scan streams).
 */
export function VirtualList(p: Props): React.JSX.Element {
  const { count, rowHeight, renderRow, onRangeChange, overscan = 5, rangeDelayMs = 150 } = p;
  const own = useRef<HTMLDivElement>(null);
  const ref = p.scrollerRef ?? own;
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, [ref]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  useEffect(() => {
    if (!onRangeChange || last < first) return;
    const t = setTimeout(() => onRangeChange(first, last), rangeDelayMs);
    return () => clearTimeout(t);
  }, [first, last, onRangeChange, rangeDelayMs]);

  // Keyed by slot, not by index: a long jump reuses the same DOM rows and only changes their contents.
  const slots = Math.max(64, last - first + 1);
  const rows: React.ReactNode[] = [];
  for (let i = first; i <= last; i++) {
    rows.push(
      <div
        key={i % slots}
        className="vlist-row"
        role="listitem"
        style={{ height: rowHeight, transform: `translateY(${i * rowHeight}px)` }}
      >
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div
      className="vlist"
      ref={ref}
      data-testid={p.testId}
      role="list"
      aria-label={p.label}
      // Rendered in the scroll event itself so the new rows are painted in the same frame.
      onScroll={(e) => {
        const top = e.currentTarget.scrollTop;
        flushSync(() => setScrollTop(top));
      }}
    >
      <div className="vlist-inner" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
