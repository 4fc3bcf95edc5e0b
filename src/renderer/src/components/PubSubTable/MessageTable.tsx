import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatBytes, formatTime, type MessageRow } from '../../stores/pubsub-format';
import { useKeepPlace } from './keep-place';
import './MessageTable.css';

const ROW_HEIGHT = 26;
const PREVIEW_CHARS = 240;

interface Props {
  /** Oldest first, as kept; shown newest first. */
  rows: MessageRow[];
  selectedId: number | undefined;
  onSelect(row: MessageRow): void;
}

/** The live message list: only the rows in view are in the DOM, so thousands cost what forty do. */
export function MessageTable({ rows, selectedId, onSelect }: Props): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  useKeepPlace(scroller, rows, ROW_HEIGHT);
  /** Up/Down move the selection through the rows as shown (newest first). */
  const onKey = (e: React.KeyboardEvent): void => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!step || rows.length === 0) return;
    e.preventDefault();
    const at = rows.findIndex((r) => r.id === selectedId);
    const shown = at === -1 ? 0 : Math.min(rows.length - 1, Math.max(0, rows.length - 1 - at + step));
    onSelect(rows[rows.length - 1 - shown]!);
    virtual.scrollToIndex(shown, { align: 'auto' });
  };
  return (
    <div className="msg-table card" role="table" aria-label="Messages" data-testid="pubsub-table">
      <div className="msg-row msg-head" role="row">
        <span role="columnheader">Time</span>
        <span role="columnheader">Channel</span>
        <span role="columnheader">Pattern</span>
        <span role="columnheader">Payload</span>
        <span role="columnheader" className="num">
          Size
        </span>
      </div>
      <div className="msg-scroll" ref={scroller} tabIndex={0} onKeyDown={onKey} aria-label="Message rows">
        {rows.length === 0 && <p className="msg-empty muted">No messages yet: subscribe, then publish.</p>}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const row = rows[rows.length - 1 - item.index]!;
            return (
              // Keyed by position: each batch shifts every row, and reusing the DOM nodes beats replacing them.
              <div
                key={item.index}
                role="row"
                className={row.id === selectedId ? 'msg-row selected' : 'msg-row'}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => onSelect(row)}
                data-testid="pubsub-row"
              >
                <span role="cell" className="mono muted">
                  {formatTime(row.ts)}
                </span>
                <span role="cell" className="mono ellipsis" title={row.channel}>
                  {row.channelEncoding ? <em className="tag">bin</em> : null}
                  {row.channel}
                </span>
                <span role="cell" className="mono ellipsis muted">
                  {row.pattern ?? (row.shard ? 'shard' : '')}
                </span>
                <span role="cell" className="mono ellipsis">
                  {row.payloadEncoding ? <em className="tag">base64</em> : null}
                  {row.payload.slice(0, PREVIEW_CHARS)}
                </span>
                <span role="cell" className="mono num muted">
                  {row.truncated ? <em className="tag">cut</em> : null}
                  {formatBytes(row.size ?? byteLength(row))}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Byte size of an uncut payload, from its wire form. */
function byteLength(row: MessageRow): number {
  if (row.payloadEncoding === 'base64')
    return Math.floor((row.payload.length * 3) / 4) - (row.payload.match(/=*$/)?.[0].length ?? 0);
  let n = 0;
  for (const ch of row.payload) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
