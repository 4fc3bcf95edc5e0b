import { useEffect, useState } from 'react';
import { useInfoSections } from '../../stores/server-info';
import { useNodeChoice } from '../../stores/cluster-nodes';

/** INFO everything by section: each field with its value, and what it means for the well-known ones. */
export function InfoPane(): React.JSX.Element {
  const { sections, error, load } = useInfoSections();
  const [filter, setFilter] = useState('');
  const { ready, key } = useNodeChoice();
  useEffect(() => {
    if (ready) void load();
  }, [load, ready, key]);
  const q = filter.trim().toLowerCase();
  const shown = sections
    .map((s) => ({
      ...s,
      fields: q
        ? s.fields.filter((f) => `${s.name} ${f.name} ${f.meaning ?? ''}`.toLowerCase().includes(q))
        : s.fields,
    }))
    .filter((s) => s.fields.length > 0);
  return (
    <div className="server-pane" data-testid="info-pane">
      <div className="card row server-toolbar">
        <input
          placeholder="Filter fields (name or meaning)"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          data-testid="info-filter"
        />
        <nav className="row server-jump">
          {shown.map((s) => (
            <a key={s.name} href={`#info-${s.name}`} onClick={(e) => jump(e, s.name)}>
              {s.name}
            </a>
          ))}
        </nav>
        <div className="row server-actions">
          <button onClick={() => void load()} data-testid="info-refresh">
            Refresh
          </button>
        </div>
      </div>
      {error && <p className="error-text">{error}</p>}
      {shown.map((s) => (
        <div className="card server-section" key={s.name} id={`info-${s.name}`} data-testid="info-section">
          <h2>{s.name}</h2>
          <table className="server-kv">
            <tbody>
              {s.fields.map((f) => (
                <tr key={f.name} data-testid={`info-field-${f.name}`}>
                  <th>{f.name}</th>
                  <td className="server-value">{f.value}</td>
                  <td className="muted">{f.meaning ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}

/** The page is a hash-routed app: scroll to the section instead of changing the location. */
function jump(e: React.MouseEvent, name: string): void {
  e.preventDefault();
  document.getElementById(`info-${name}`)?.scrollIntoView({ block: 'start' });
}
