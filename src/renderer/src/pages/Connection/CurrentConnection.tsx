import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { useConnection } from '../../stores/connection';

function uptime(sec: number): string {
  if (sec < 120) return `${sec} s`;
  if (sec < 7200) return `${Math.round(sec / 60)} min`;
  return `${(sec / 3600).toFixed(1)} h`;
}

export function CurrentConnection(): React.JSX.Element {
  const { status, info } = useConnection();
  const [error, setError] = useState<string | null>(null);
  const where = status?.mode === 'embedded' ? 'Embedded Redis' : (status?.url ?? '—');
  return (
    <div className="card" data-testid="current-connection">
      <h2>Current connection</h2>
      <dl className="facts">
        <dt>State</dt>
        <dd data-testid="current-state">{status?.state ?? '…'}</dd>
        <dt>Server</dt>
        <dd className="mono" data-testid="current-url">
          {where}
          {status?.mode === 'embedded' && status.url ? ` · ${status.url}` : ''}
        </dd>
        {status?.primary && (
          <>
            <dt>Primary</dt>
            <dd className="mono" data-testid="current-primary">
              {status.primary}
            </dd>
          </>
        )}
        {status?.mode === 'embedded' && (
          <>
            <dt>Persistence</dt>
            <dd>
              {status.persist ? 'on (AOF in the app data folder)' : 'off (data is lost when QueueDesk stops)'}
            </dd>
          </>
        )}
        {status?.error && (
          <>
            <dt>Last error</dt>
            <dd className="error-text">{status.error}</dd>
          </>
        )}
        {info && (
          <>
            <dt>Version</dt>
            <dd>
              Redis {info.version} ({info.mode})
            </dd>
            <dt>Uptime</dt>
            <dd>{uptime(info.uptimeSec)}</dd>
            <dt>Memory</dt>
            <dd>{info.usedMemoryHuman}</dd>
            <dt>Keyspace</dt>
            <dd>
              {Object.entries(info.keyspace)
                .map(([db, k]) => `${db}: ${k.keys} keys (${k.expires} with TTL)`)
                .join(' · ') || 'empty'}
            </dd>
          </>
        )}
      </dl>
      {error && <p className="error-text">{error}</p>}
      {status?.state !== 'disconnected' && (
        <button
          onClick={() =>
            api.call('connection.disconnect', {}).then(
              () => setError(null),
              (e) => setError(errorMessage(e)),
            )
          }
        >
          Disconnect
        </button>
      )}
    </div>
  );
}
