import { useEffect, useState } from 'react';
import type { ConfigSetting } from '../../../../shared/contract';
import { useServerConfig } from '../../stores/server-config';
import { useNodeChoice } from '../../stores/cluster-nodes';

function Editor({ setting }: { setting: ConfigSetting }): React.JSX.Element {
  const { save, saved } = useServerConfig();
  const [draft, setDraft] = useState(setting.value);
  useEffect(() => setDraft(setting.value), [setting.value]);
  const result = saved[setting.name];
  const field = setting.choices ? (
    <select
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      data-testid={`config-input-${setting.name}`}
    >
      {[...new Set([setting.value, ...setting.choices])].map((c) => (
        <option key={c}>{c}</option>
      ))}
    </select>
  ) : (
    <input
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      data-testid={`config-input-${setting.name}`}
    />
  );
  return (
    <form
      className="row config-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save(setting.name, draft);
      }}
    >
      {field}
      <button type="submit" disabled={draft === setting.value} data-testid={`config-save-${setting.name}`}>
        Set
      </button>
      {result && (
        <span className={result.ok ? 'ok-text' : 'error-text'} data-testid={`config-result-${setting.name}`}>
          {result.message}
        </span>
      )}
    </form>
  );
}

/** Glob like CONFIG GET's pattern (* and ?), or a plain substring. */
function matcher(filter: string): (name: string) => boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return () => true;
  if (!/[*?]/.test(f)) return (n) => n.includes(f);
  const re = new RegExp(
    `^${f
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return (n) => re.test(n);
}

/** CONFIG GET *: every setting; the safe ones editable (validated by the host), the rest read-only with why. */
export function ConfigPane(): React.JSX.Element {
  const { settings, error, load } = useServerConfig();
  const [filter, setFilter] = useState('');
  const [editableOnly, setEditableOnly] = useState(false);
  const { ready, key } = useNodeChoice();
  useEffect(() => {
    if (ready) void load();
  }, [load, ready, key]);
  const match = matcher(filter);
  const rows = settings.filter((s) => match(s.name) && (!editableOnly || s.editable));
  return (
    <div className="server-pane" data-testid="config-pane">
      <div className="card row server-toolbar">
        <input
          placeholder="Filter: maxmemory* or a part of a name"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          data-testid="config-filter"
        />
        <label className="row">
          <input type="checkbox" checked={editableOnly} onChange={(e) => setEditableOnly(e.target.checked)} />
          Editable only
        </label>
        <span className="muted">
          {rows.length} of {settings.length} settings · changes last until the server restarts (no CONFIG
          REWRITE)
        </span>
        <div className="row server-actions">
          <button onClick={() => void load()}>Refresh</button>
        </div>
      </div>
      {error && <p className="error-text">{error}</p>}
      <div className="card server-section">
        <table className="server-kv" data-testid="config-table">
          <tbody>
            {rows.map((s) => (
              <tr key={s.name} data-testid={`config-row-${s.name}`}>
                <th>{s.name}</th>
                <td className="server-value">
                  {s.editable ? <Editor setting={s} /> : <code>{s.value === '' ? '""' : s.value}</code>}
                </td>
                <td className="muted">
                  {!s.editable && <strong>read-only: </strong>}
                  {s.note}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
