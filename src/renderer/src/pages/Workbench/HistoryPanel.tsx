import { useEffect, useState } from 'react';
import { useConsole } from '../../stores/console';

/** Lines run before (kept across restarts), searchable; a click runs one again. */
export function HistoryPanel(): React.JSX.Element {
  const { history, loadHistory, run } = useConsole();
  const [query, setQuery] = useState('');
  useEffect(() => void loadHistory(query || undefined), [query, loadHistory]);
  return (
    <aside className="card console-history">
      <h2>History</h2>
      <input
        type="search"
        placeholder="Search history"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="history-search"
      />
      <ul data-testid="history-list">
        {history.map((h) => (
          <li key={`${h.at}-${h.line}`}>
            <button className="mono history-line" title="Run again" onClick={() => void run(h.line)}>
              {h.line}
            </button>
          </li>
        ))}
        {history.length === 0 && <li className="muted">{query ? 'No match' : 'Nothing run yet'}</li>}
      </ul>
    </aside>
  );
}
