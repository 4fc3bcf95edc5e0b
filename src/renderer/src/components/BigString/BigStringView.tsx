import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { BigLayout } from '../../stores/big-string-worker';
import './BigString.css';

const ROW = 18;

/**
 * A big value's rows: only those in view are in the DOM, and only their text ever reaches the page (the
 * worker keeps the rest), so scrolling 20 MB costs what scrolling a page does.
 */
export function BigStringView(p: {
  layout: BigLayout;
  /** Changes when rows arrive from the worker: a new value re-renders the view. */
  version: number;
  onScrolled(fraction: number): void;
}): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: p.layout.rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 20,
  });
  const shown = virtual.getVirtualItems();
  const first = shown[0]?.index ?? 0;
  const last = (shown.at(-1)?.index ?? 0) + 1;
  const { layout } = p;
  useEffect(() => layout.need(first, last), [layout, first, last]);
  return (
    <div
      className="big-view mono"
      ref={scroller}
      data-testid="big-view"
      data-mode={p.layout.mode}
      data-rows={p.layout.rows}
      onScroll={(e) => {
        const el = e.currentTarget;
        p.onScrolled(
          el.scrollHeight > el.clientHeight ? el.scrollTop / (el.scrollHeight - el.clientHeight) : 0,
        );
      }}
    >
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {shown.map((v) => (
          <div
            key={v.index}
            className="big-row"
            style={{ transform: `translateY(${v.start}px)`, height: ROW }}
          >
            {layout.row(v.index) ?? ''}
          </div>
        ))}
      </div>
    </div>
  );
}
