import { displayText } from '../ValueViewer/bytes';
import './KeysDetail.css';

export interface EntryRow {
  id: string;
  cells: React.ReactNode[];
}

/** Short, one-line preview of a value for a table cell. */
export function preview(value: string, encoding?: 'base64'): string {
  const text = displayText(value, encoding);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** The loaded page(s) of a collection; clicking a row opens it in the editor below. */
export function EntryTable(p: {
  head: string[];
  rows: EntryRow[];
  selected: string | null;
  onSelect(id: string): void;
  more: boolean;
  onMore(): void;
  total: number;
}): React.JSX.Element {
  return (
    <div className="entry-table-wrap">
      <table className="entry-table" data-testid="entry-table">
        <thead>
          <tr>
            {p.head.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.id} className={r.id === p.selected ? 'on' : ''} onClick={() => p.onSelect(r.id)}>
              {r.cells.map((c, i) => (
                <td key={i} className="mono">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="entry-foot muted">
        {p.rows.length.toLocaleString()} of {p.total.toLocaleString()} loaded
        {p.more && <button onClick={p.onMore}>Load more</button>}
      </div>
    </div>
  );
}
