import { useCallback } from 'react';
import type { BigLayout } from '../../stores/big-string-worker';
import { VirtualList } from '../VirtualList/VirtualList';
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
  const { layout, onScrolled } = p;
  const onRange = useCallback(
    (first: number, last: number) => {
      layout.need(first, last + 1);
      onScrolled(layout.rows ? first / layout.rows : 0);
    },
    [layout, onScrolled],
  );
  return (
    <div className="big-view mono" data-testid="big-view" data-mode={layout.mode} data-rows={layout.rows}>
      <VirtualList
        count={layout.rows}
        rowHeight={ROW}
        overscan={20}
        rangeDelayMs={0}
        onRangeChange={onRange}
        testId="big-view-scroll"
        label="Value"
        renderRow={(i) => <div className="big-row">{layout.row(i) ?? ''}</div>}
      />
    </div>
  );
}
