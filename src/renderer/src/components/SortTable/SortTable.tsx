import { useMemo, useState } from 'react';
import './SortTable.css';

export interface Column<T> {
  id: string;
  label: string;
  /** What the column sorts by and exports. */
  value(row: T): string | number;
  /** How a cell shows (defaults to the value). */
  render?(row: T): React.ReactNode;
  numeric?: boolean;
}

/** A table whose headers sort it (click again to reverse). */
export function SortTable<T>({
  columns,
  rows,
  initialSort,
  initialDesc = true,
  testId,
  maxRows = 500,
}: {
  columns: Column<T>[];
  rows: T[];
  /** A column id, or null to keep the rows' own order until a header is clicked. */
  initialSort: string | null;
  initialDesc?: boolean;
  testId?: string;
  maxRows?: number;
}): React.JSX.Element {
  const [sort, setSort] = useState({ id: initialSort, desc: initialDesc });
  const sorted = useMemo(() => {
    const col = columns.find((c) => c.id === sort.id);
    if (!col) return rows.slice(0, maxRows);
    const out = [...rows].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      const d = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.desc ? -d : d;
    });
    return out.slice(0, maxRows);
  }, [rows, columns, sort, maxRows]);
  return (
    <table className="sort-table" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th
              key={c.id}
              className={c.numeric ? 'num' : undefined}
              aria-sort={sort.id === c.id ? (sort.desc ? 'descending' : 'ascending') : undefined}
            >
              <button onClick={() => setSort((s) => ({ id: c.id, desc: s.id === c.id ? !s.desc : true }))}>
                {c.label}
                {sort.id === c.id ? (sort.desc ? ' ▾' : ' ▴') : ''}
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c.id} className={c.numeric ? 'num' : undefined}>
                {c.render ? c.render(row) : c.value(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The rows as CSV (RFC 4180 quoting), with the columns' values. */
export function toCsv<T>(columns: Column<T>[], rows: T[]): string {
  const cell = (v: string | number): string => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map((c) => cell(c.label)), ...rows.map((r) => columns.map((c) => cell(c.value(r))))]
    .map((line) => line.join(','))
    .join('\r\n');
}
