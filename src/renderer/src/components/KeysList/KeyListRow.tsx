import { memo } from 'react';
import type { KeyRef } from '../../../../shared/contract';
import { rowRef, type Row } from '../../stores/keys';
import { formatBytes } from '../../format/size';
import { formatTtl } from '../../pages/Keys/ttl';
import { TypeBadge } from './TypeBadge';

interface Props {
  row: Row;
  depth: number;
  label?: string;
  now: number;
  active: boolean;
  selected: boolean;
  memory: number | null | undefined;
  onOpen(ref: KeyRef): void;
  onSelect(row: Row, on: boolean, range: boolean): void;
}

/** One key; memoized so scrolling re-renders only rows whose key or clock changed. */
export const KeyListRow = memo(function KeyListRow(p: Props): React.JSX.Element {
  const { row } = p;
  const ttl = formatTtl(row.expiresAt === null ? null : row.expiresAt - p.now);
  const soon = row.expiresAt !== null && row.expiresAt - p.now < 10_000;
  return (
    <div
      className={`key-row${row.slot !== undefined ? ' clustered' : ''}${p.active ? ' active' : ''}${p.selected ? ' selected' : ''}`}
      style={{ paddingLeft: 8 + p.depth * 16 }}
      onClick={() => p.onOpen(rowRef(row))}
      data-testid="key-row"
      data-key={row.key}
    >
      <input
        type="checkbox"
        checked={p.selected}
        aria-label={`select ${row.name}`}
        onClick={(e) => {
          e.stopPropagation();
          p.onSelect(row, e.currentTarget.checked, e.shiftKey);
        }}
        onChange={() => undefined}
      />
      <span className="key-name mono" title={row.name}>
        {p.label ?? row.name}
      </span>
      <TypeBadge type={row.type} />
      {row.slot !== undefined && (
        <span
          className="key-slot muted mono"
          title={`slot ${row.slot} on ${row.node}`}
          data-testid="key-slot"
        >
          {row.slot}
          <span className="key-node">@{row.node?.replace(/^.*:/, ':')}</span>
        </span>
      )}
      <span className={`key-ttl${row.expiresAt === null ? ' muted' : ''}${soon ? ' soon' : ''}`}>{ttl}</span>
      <span className="key-mem muted">{formatBytes(p.memory)}</span>
    </div>
  );
});

export function FolderRow(p: {
  name: string;
  count: number;
  depth: number;
  open: boolean;
  onToggle(): void;
}): React.JSX.Element {
  return (
    <div
      className="key-row folder"
      style={{ paddingLeft: 8 + p.depth * 16 }}
      onClick={p.onToggle}
      data-testid="folder-row"
      aria-expanded={p.open}
    >
      <span className="caret" aria-hidden>
        {p.open ? '▾' : '▸'}
      </span>
      <span className="key-name mono">{p.name}</span>
      <span className="folder-count">{p.count.toLocaleString()}</span>
    </div>
  );
}
