import type { Rows } from '../../stores/packed-list';
import { displayText } from '../ValueViewer/bytes';
import { VirtualList } from '../VirtualList/VirtualList';
import { useColumnSplit } from './column-split';
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
  /** Stands for the rows' contents when they grow in place (a packed list). */
  pages?: unknown;
}): React.JSX.Element {
  const first = (item: T): string => String(p.rowOf(item).cells[0] ?? '');
  const split = useColumnSplit(p.items, first, p.head.length, p.pages ?? p.items.length);
  const columns = split.template;
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
        {p.head.map((h, i) => (
          <span key={h} className="entry-head-cell">
            {h}
            {i === 0 && p.head.length > 1 && (
              <span
                className="col-resize"
                role="separator"
                aria-orientation="vertical"
                aria-label="Drag to resize the columns"
                data-testid="col-resize"
                onPointerDown={split.startDrag}
              />
            )}
          </span>
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
