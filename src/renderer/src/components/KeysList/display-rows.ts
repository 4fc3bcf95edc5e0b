import { useEffect, useMemo, useState } from 'react';
import type { Row, SortBy } from '../../stores/keys';
import { useKeys } from '../../stores/keys';
import type { TreeRow } from '../../pages/Keys/tree';

export function comparator(sortBy: SortBy): (a: Row, b: Row) => number {
  if (sortBy === 'ttl') {
    // Soonest expiry first; keys without one last, then by name.
    return (a, b) =>
      (a.expiresAt ?? Infinity) - (b.expiresAt ?? Infinity) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  }
  return (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Re-sorting a big list on every scan batch would stall; while a scan streams, refresh once a second. */
function useSettledVersion(version: number, running: boolean): number {
  const [settled, setSettled] = useState(version);
  useEffect(() => {
    if (!running) {
      setSettled(version);
      return;
    }
    const t = setTimeout(() => setSettled(version), 1000);
    return () => clearTimeout(t);
  }, [version, running]);
  return settled;
}

export function useDisplayRows(open: ReadonlySet<string>): Array<TreeRow<Row>> {
  const { rows, tree, version, sortBy, view } = useKeys();
  const running = useKeys((s) => s.scan.running);
  const settled = useSettledVersion(version, running);
  return useMemo(() => {
    const compare = comparator(sortBy);
    if (view === 'tree') return tree.flatten(open, compare);
    return [...rows].sort(compare).map((row) => ({ kind: 'key' as const, row, depth: 0, prefix: '' }));
    // `settled` stands for the rows' contents, which change in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled, rows, tree, sortBy, view, open]);
}
