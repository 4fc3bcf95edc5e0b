import type { Rows } from '../../stores/packed-list';
import { displayText } from '../ValueViewer/bytes';
import { VirtualList } from '../VirtualList/VirtualList';
import { LoadAllFoot, type LoadAllState } from './LoadAllFoot';
import { rememberClick } from './use-selected';
import './KeysDetail.css';

const ROW = 27;
const MAX_HEIGHT = 380;
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
 * are rendered (and their previews computed), by plain arithmetic, so a collection loaded whole, 200k
 * elements and growing a page at a time, scrolls like a short one.
 */
export function EntryTable<T>(p: {
  head: string[];
  items: Rows<T>;
  rowOf(item: T): EntryRow;
  selected: string | null;
  onSelect(id: string): void;
  more: boolean;
  onMore(): void;
  total: number;
  loadAll?: LoadAllState;
}): React.JSX.Element {
  const columns = p.head.length > 1 ? `30% repeat(${p.head.length - 1}, minmax(0, 1fr))` : '1fr';
  const renderRow = (i: number): React.ReactNode => {
    const item = p.items.at(i);
    if (item === undefined) return null;
    const r = p.rowOf(item);
    return (
      <div
        className={`entry-row${r.id === p.selected ? ' on' : ''}`}
        style={{ gridTemplateColumns: columns }}
        data-testid="entry-row"
        onClick={() => {
          rememberClick(p.items, i);
          p.onSelect(r.id);
        }}
      >
        {r.cells.map((c, j) => (
          <span key={j} className="mono">
            {c}
          </span>
        ))}
      </div>
    );
  };
  return (
    <div className="entry-table-wrap" data-testid="entry-table">
      <div className="entry-head" style={{ gridTemplateColumns: columns }}>
        {p.head.map((h) => (
          <span key={h}>{h}</span>
        ))}
      </div>
      <div className="entry-scroll" style={{ height: Math.min(MAX_HEIGHT, p.items.length * ROW + 2) }}>
        <VirtualList
          count={p.items.length}
          rowHeight={ROW}
          overscan={10}
          renderRow={renderRow}
          testId="entry-scroll"
          label="Loaded elements"
        />
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
