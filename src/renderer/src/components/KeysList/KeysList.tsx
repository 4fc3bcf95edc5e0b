import { useCallback, useRef, useState } from 'react';
import { rowId, useKeys, type Row } from '../../stores/keys';
import { VirtualList } from '../VirtualList/VirtualList';
import { useConnection } from '../../stores/connection';
import { useDisplayRows, type DisplayRows } from './display-rows';
import { indexOf, useKeepPlace, useRevealActive } from './keep-place';
import { FolderRow, KeyListRow } from './KeyListRow';
import { useNow } from '../../hooks/use-now';
import './KeysList.css';

const ROW_HEIGHT = 30;

function keyRowsIn(display: DisplayRows, from: number, to: number): Row[] {
  const out: Row[] = [];
  for (let i = from; i <= to; i++) {
    const d = display.at(i);
    if (d?.kind === 'key') out.push(d.row);
  }
  return out;
}

/** The key list: flat or as a tree by delimiter, virtualized, with multi-select and live TTLs. */
export function KeysList(): React.JSX.Element {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const display = useDisplayRows(open);
  const now = useNow();
  const { selected, memory, active, select, loadMemory, delimiter } = useKeys();
  const openKey = useKeys((s) => s.open);
  const clustered = useConnection((s) => s.status?.mode === 'cluster');
  const lastClicked = useRef<number | null>(null);
  const activeKey = active ? `${active.keyEncoding ?? ''}:${active.key}` : null;
  const scroller = useRef<HTMLDivElement>(null);
  useKeepPlace(display, scroller, ROW_HEIGHT, active ? rowId(active) : null);
  useRevealActive(display, scroller, ROW_HEIGHT, active ? rowId(active) : null);

  const onSelect = useCallback(
    (row: Row, on: boolean, range: boolean) => {
      const at = indexOf(display, row.id);
      if (range && lastClicked.current !== null && at >= 0) {
        const [a, b] = [Math.min(lastClicked.current, at), Math.max(lastClicked.current, at)];
        select(
          keyRowsIn(display, a, b).map((r) => r.id),
          on,
        );
      } else select([row.id], on);
      lastClicked.current = at;
    },
    [display, select],
  );

  const onRange = useCallback(
    (start: number, end: number) => {
      void loadMemory(keyRowsIn(display, start, end)).catch(() => undefined);
    },
    [display, loadMemory],
  );

  const toggle = (path: string): void => {
    const next = new Set(open);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    setOpen(next);
  };

  const renderRow = (i: number): React.ReactNode => {
    const d = display.at(i);
    if (!d) return null;
    if (d.kind === 'folder') {
      const { folder } = d;
      return (
        <FolderRow
          name={folder.name + delimiter}
          count={folder.count}
          depth={d.depth}
          open={d.open}
          onToggle={() => toggle(folder.path)}
        />
      );
    }
    const { row } = d;
    return (
      <KeyListRow
        row={row}
        depth={d.depth}
        label={d.prefix ? row.path.slice(d.prefix.length) : undefined}
        now={now}
        active={activeKey === `${row.keyEncoding ?? ''}:${row.key}`}
        selected={selected.has(row.id)}
        memory={memory.get(row.id)}
        onOpen={openKey}
        onSelect={onSelect}
      />
    );
  };

  return (
    <div className="keys-list">
      <div className={`key-row key-head${clustered ? ' clustered' : ''}`} aria-hidden>
        <span />
        <span>Key</span>
        <span>Type</span>
        {clustered && <span title="hash slot @ port of the primary holding it">Slot @ node</span>}
        <span className="key-ttl">TTL</span>
        <span className="key-mem">Memory</span>
      </div>
      <VirtualList
        count={display.length}
        rowHeight={ROW_HEIGHT}
        renderRow={renderRow}
        onRangeChange={onRange}
        testId="keys-vlist"
        scrollerRef={scroller}
        label="Keys"
      />
    </div>
  );
}
