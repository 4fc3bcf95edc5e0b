import { useEffect, useState } from 'react';
import { errorMessage } from '../../api';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog/ConfirmDialog';
import { useConnection } from '../../stores/connection';
import { useEmbedded } from '../../stores/embedded';
import { resetRequest, restartRequest } from './embedded-confirm';

export function EmbeddedForm(): React.JSX.Element {
  const status = useConnection((s) => s.status);
  const { state, load, connect } = useEmbedded();
  const current = status?.mode === 'embedded';
  const [persist, setPersist] = useState(current ? status.persist !== false : true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  useEffect(() => void load().catch(() => undefined), [load, status?.state, status?.url]);

  const run = async (opts: Parameters<typeof connect>[0]): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await connect(opts);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const running = state?.running ? state : null;
  // Using it as it runs loses nothing; a change of persistence is a restart and asks like one.
  const use = (): void => {
    if (running && running.persist !== persist)
      setConfirm(restartRequest(running, persist, () => void run({ persist, confirm: running.keys ?? 0 })));
    else void run({ persist });
  };
  const restart = (): void => {
    if (running)
      setConfirm(
        restartRequest(
          running,
          persist,
          () => void run({ persist, restart: true, confirm: running.keys ?? 0 }),
        ),
      );
  };
  const reset = (): void => {
    if (running)
      setConfirm(resetRequest(running, () => void run({ persist, reset: true, confirm: running.keys ?? 0 })));
  };
  return (
    <div className="card">
      <h2>Embedded Redis</h2>
      <p className="muted">
        A private redis-server that QueueDesk starts on 127.0.0.1. It keeps running while you use another
        connection, and stops when QueueDesk quits.
      </p>
      {running && (
        <p data-testid="embedded-state">
          {current ? 'In use' : 'Running in the background'}: {running.keys?.toLocaleString() ?? '?'} keys,{' '}
          {running.persist ? 'kept on disk' : 'scratch (in memory only)'}.
        </p>
      )}
      <label className="check">
        <input
          type="checkbox"
          checked={persist}
          onChange={(e) => setPersist(e.target.checked)}
          data-testid="embedded-persist"
        />
        Keep data between runs (append-only file); off means scratch, in memory only
      </label>
      <div className="row">
        {!current && (
          <button className="primary" disabled={busy} onClick={use} data-testid="embedded-connect">
            Use embedded Redis
          </button>
        )}
        {current && running && running.persist !== persist && (
          <button className="primary" disabled={busy} onClick={use} data-testid="embedded-connect">
            {persist ? 'Turn persistence on' : 'Switch to scratch'}
          </button>
        )}
        {current && (
          <button disabled={busy || !running} onClick={restart} data-testid="embedded-restart">
            Restart embedded Redis…
          </button>
        )}
        {current && running && (
          <button className="danger" disabled={busy} onClick={reset} data-testid="embedded-reset">
            Reset (delete all keys)…
          </button>
        )}
      </div>
      {error && <p className="error-text">{error}</p>}
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </div>
  );
}
