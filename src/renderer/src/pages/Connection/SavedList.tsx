import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api';
import { useSavedConnections } from '../../stores/saved-connections';
import type { SavedConnection } from '../../../../shared/contract';

export function SavedList({ onEdit }: { onEdit(c: SavedConnection): void }): React.JSX.Element {
  const { items, load, remove } = useSavedConnections();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load().catch((e) => setError(errorMessage(e)));
  }, [load]);
  const connect = (c: SavedConnection): void => {
    setError(null);
    api
      .call('connection.connect', {
        mode: 'url',
        url: c.url.replace(':***@', '@'),
        username: c.username,
        db: c.db,
        tls: c.tls,
        saved: c.name,
      })
      .catch((e) => setError(errorMessage(e)));
  };
  return (
    <div className="card">
      <h2>Saved connections</h2>
      {items.length === 0 && <p className="muted">None yet. Fill in a URL and press Save.</p>}
      <ul className="saved">
        {items.map((c) => (
          <li key={c.name}>
            <div>
              <strong>{c.name}</strong>
              <div className="mono muted">
                {c.url}
                {c.hasPassword ? ' · password saved' : ''}
              </div>
            </div>
            <button onClick={() => connect(c)}>Connect</button>
            <button onClick={() => onEdit(c)}>Edit</button>
            <button className="danger" onClick={() => remove(c.name).catch((e) => setError(errorMessage(e)))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {error && <p className="error-text">{error}</p>}
    </div>
  );
}
