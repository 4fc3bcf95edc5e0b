import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { useConnection } from '../../stores/connection';

export function EmbeddedForm(): React.JSX.Element {
  const status = useConnection((s) => s.status);
  const [persist, setPersist] = useState(status?.mode === 'embedded' ? Boolean(status.persist) : false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const start = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api.call('connection.connect', { mode: 'embedded', persist });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card">
      <h2>Embedded Redis</h2>
      <p className="muted">
        A private redis-server that QueueDesk starts on 127.0.0.1 and stops when it quits.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={persist}
          onChange={(e) => setPersist(e.target.checked)}
          data-testid="embedded-persist"
        />
        Keep data between runs (append-only file in the app data folder)
      </label>
      <div className="row">
        <button
          className="primary"
          disabled={busy}
          onClick={() => void start()}
          data-testid="embedded-connect"
        >
          {status?.mode === 'embedded' ? 'Restart embedded Redis' : 'Use embedded Redis'}
        </button>
      </div>
      {error && <p className="error-text">{error}</p>}
    </div>
  );
}
