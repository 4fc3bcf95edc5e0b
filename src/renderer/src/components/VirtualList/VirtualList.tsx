import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import './VirtualList.css';

interface Props {
  count: number;
  rowHeight: number;
  renderRow(index: number): React.ReactNode;
  /** Called with the visible index range after scrolling settles a frame. */
  onRangeChange?(start: number, end: number): void;
  testId?: string;
  label?: string;
}

/** A fixed-row-height list that renders only what is on screen, smooth at a million rows. */
export function VirtualList({
  count,
  rowHeight,
  renderRow,
  onRangeChange,
  testId,
  label,
}: Props): React.JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 5,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  const slots = Math.max(64, items.length);
  useEffect(() => {
    if (!onRangeChange || last < 0) return;
    const t = setTimeout(() => onRangeChange(first, last), 150);
    return () => clearTimeout(t);
  }, [first, last, onRangeChange]);
  return (
    <div className="vlist" ref={scrollRef} data-testid={testId} role="list" aria-label={label}>
      <div className="vlist-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => (
          <div
            // Keyed by slot, not by index: a long jump reuses the same DOM rows and only changes their text.
            key={item.index % slots}
            className="vlist-row"
            role="listitem"
            style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
          >
            {renderRow(item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
