import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api';
import { useSavedConnections } from '../../stores/saved-connections';
import type { SavedConnection } from '../../../../shared/contract';
import { targetOf } from './saved-target';

const KIND_LABEL = { url: 'URL', sentinel: 'Sentinel', cluster: 'Cluster' } as const;

function secretsNote(c: SavedConnection): string {
  const stored = [c.hasPassword && 'password', c.hasSentinelPassword && 'sentinel password'].filter(Boolean);
  return stored.length ? ` · ${stored.join(' and ')} saved` : '';
}

/** TLS and how the certificate is checked, for every kind of connection. */
function tlsNote(c: SavedConnection): string {
  const t = c.target ?? c;
  const on = t.tls || t.tlsCa || t.tlsSkipVerify || c.url.startsWith('rediss://');
  if (!on) return '';
  return ` · TLS${t.tlsSkipVerify ? ', not verified' : t.tlsCa ? ', own CA' : ''}`;
}

export function SavedList({ onEdit }: { onEdit(c: SavedConnection): void }): React.JSX.Element {
  const { items, load, remove } = useSavedConnections();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load().catch((e) => setError(errorMessage(e)));
  }, [load]);
  const connect = (c: SavedConnection): void => {
    setError(null);
    api.call('connection.connect', targetOf(c)).catch((e) => setError(errorMessage(e)));
  };
  return (
    <div className="card">
      <h2>Saved connections</h2>
      {items.length === 0 && (
        <p className="muted">None yet. Fill in a URL, Sentinel or Cluster and press Save.</p>
      )}
      <ul className="saved">
        {items.map((c) => (
          <li key={c.name} data-testid="saved-connection" data-name={c.name}>
            <div>
              <strong>{c.name}</strong>{' '}
              <span className={`kind-badge kind-${c.mode ?? 'url'}`} data-testid="saved-kind">
                {KIND_LABEL[c.mode ?? 'url']}
              </span>
              <div className="mono muted">
                {/* A break may fall after each comma of a list of sentinels or nodes. */}
                {c.url.replaceAll(',', ',\u200b')}
                {tlsNote(c)}
                {secretsNote(c)}
              </div>
            </div>
            <button onClick={() => connect(c)} data-testid="saved-connect">
              Connect
            </button>
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
