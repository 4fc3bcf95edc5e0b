import { useEffect, useMemo, useRef, useState } from 'react';
import type { Row, SortBy } from '../../stores/keys';
import { useKeys } from '../../stores/keys';
import type { TreeRow } from '../../pages/Keys/tree';
import { naturalCompare } from '../../pages/Keys/natural';
import { SortedView } from './sorted-view';

const byName = (a: Row, b: Row): number => naturalCompare(a.path, b.path);
// Soonest expiry first; keys without one last, then by name.
const byTtl = (a: Row, b: Row): number =>
  (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity) || byName(a, b);

export function comparator(sortBy: SortBy): (a: Row, b: Row) => number {
  return sortBy === 'ttl' ? byTtl : byName;
}

/** Up to this many rows the list stays sorted while a scan streams (a merge costs a few ms). */
export const SORT_LIVE_MAX = 50_000;

/** What the virtual list shows: a length and the row at an index, built only for the rows on screen. */
export interface DisplayRows {
  length: number;
  at(i: number): TreeRow<Row> | undefined;
}

/**
 * While a scan streams, the view follows every 500 ms rather than on every batch (a throttle, not a debounce:
 * batches arrive faster than that, and a debounce would leave the whole list to be sorted at the end).
 */
function useSettledVersion(version: number, running: boolean): number {
  const [settled, setSettled] = useState(version);
  const latest = useRef(version);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = version;
    if (!running) {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      setSettled(version);
    } else if (!timer.current) {
      timer.current = setTimeout(() => {
        timer.current = null;
        setSettled(latest.current);
      }, 500);
    }
  }, [version, running]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return settled;
}

export function useDisplayRows(open: ReadonlySet<string>): DisplayRows {
  const { rows, tree, version, sortBy, view } = useKeys();
  const running = useKeys((s) => s.scan.running);
  const settled = useSettledVersion(version, running);
  const sortedView = useRef(new SortedView());
  return useMemo((): DisplayRows => {
    const compare = comparator(sortBy);
    if (view === 'tree' && tree) {
      const flat = tree.flatten(open, compare);
      return { length: flat.length, at: (i) => flat[i] };
    }
    // Past SORT_LIVE_MAX rows a streaming scan shows arrival order, sorted once when it ends: merging every
    // batch into a million sorted rows stalled frames for up to a second each time.
    const sorted = running && rows.length > SORT_LIVE_MAX ? rows : sortedView.current.update(rows, compare);
    return {
      length: sorted.length,
      at: (i) => (i < sorted.length ? { kind: 'key', row: sorted[i]!, depth: 0, prefix: '' } : undefined),
    };
    // `settled` stands for the rows' contents, which grow in place while a scan streams.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled, rows, tree, sortBy, view, open, running]);
}
