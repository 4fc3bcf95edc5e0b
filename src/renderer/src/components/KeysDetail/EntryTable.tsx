import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { displayText } from '../ValueViewer/bytes';
import { LoadAllFoot, type LoadAllState } from './LoadAllFoot';
import './KeysDetail.css';

const ROW = 27;
const PREVIEW_CHARS = 120;

export interface EntryRow {
  id: string;
  cells: React.ReactNode[];
}

/** Short, one-line preview of a value for a table cell; a big value is cut before it is decoded or hexed. */
export function preview(value: string, encoding?: 'base64'): string {
  // 56 base64 characters are 42 bytes, already more hex than a cell shows.
  const limit = encoding ? 56 : PREVIEW_CHARS + 1;
  const text = displayText(value.slice(0, limit), encoding);
  return value.length > limit || text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

/**
 * The loaded element(s) of a collection; clicking a row opens it in the editor below. Only the visible rows
 * are rendered (and their previews computed), so a collection loaded whole scrolls like a short one.
 */
export function EntryTable<T>(p: {
  head: string[];
  items: T[];
  rowOf(item: T): EntryRow;
  selected: string | null;
  onSelect(id: string): void;
  more: boolean;
  onMore(): void;
  total: number;
  loadAll?: LoadAllState;
}): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: p.items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 12,
  });
  const shown = virtual.getVirtualItems();
  const top = shown[0]?.start ?? 0;
  const bottom = virtual.getTotalSize() - (shown.at(-1)?.end ?? 0);
  return (
    <div className="entry-table-wrap">
      <div className="entry-scroll" ref={scroller} data-testid="entry-scroll">
        <table className="entry-table" data-testid="entry-table">
          <thead>
            <tr>
              {p.head.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {top > 0 && <tr className="spacer" style={{ height: top }} aria-hidden />}
            {shown.map((v) => {
              const r = p.rowOf(p.items[v.index]!);
              return (
                <tr
                  key={r.id}
                  className={r.id === p.selected ? 'on' : ''}
                  style={{ height: ROW }}
                  onClick={() => p.onSelect(r.id)}
                >
                  {r.cells.map((c, i) => (
                    <td key={i} className="mono">
                      {c}
                    </td>
                  ))}
                </tr>
              );
            })}
            {bottom > 0 && <tr className="spacer" style={{ height: bottom }} aria-hidden />}
          </tbody>
        </table>
      </div>
      <LoadAllFoot
        loaded={p.items.length}
        total={p.total}
        more={p.more}
        onMore={p.onMore}
        state={p.loadAll}
      />
    </div>
  );
}
