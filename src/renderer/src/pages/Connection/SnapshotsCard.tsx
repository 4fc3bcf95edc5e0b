import { useEffect, useState } from 'react';
import type { Snapshot } from '../../../../shared/contract';
import { errorMessage } from '../../api';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog/ConfirmDialog';
import { useConnection } from '../../stores/connection';
import { useEmbedded } from '../../stores/embedded';
import { useSnapshots } from '../../stores/snapshots';
import { formatBytes } from '../../format/size';
import { restoreRequest, removeRequest } from './snapshot-confirm';

function SnapshotRow(p: {
  s: Snapshot;
  onRestore(): void;
  onRemove(): void;
  disabled: boolean;
}): React.JSX.Element {
  const { s } = p;
  return (
    <tr data-testid="snapshot-row">
      <td>
        {s.name} {s.auto && <span className="badge muted">auto</span>}
      </td>
      <td className="muted">{new Date(s.createdAt).toLocaleString()}</td>
      <td className="num">{s.keys.toLocaleString()}</td>
      <td className="num">{formatBytes(s.bytes)}</td>
      <td className="actions">
        <button disabled={p.disabled} onClick={p.onRestore} data-testid="snapshot-restore">
          Restore…
        </button>
        <button className="danger" disabled={p.disabled} onClick={p.onRemove} data-testid="snapshot-remove">
          Delete…
        </button>
      </td>
    </tr>
  );
}

/** Named snapshots of the embedded Redis: save in one click, restore or delete with a confirmation. */
export function SnapshotsCard(): React.JSX.Element {
  const status = useConnection((s) => s.status);
  const { list, busy, load, save, restore, remove } = useSnapshots();
  const loadEmbedded = useEmbedded((s) => s.load);
  const [name, setName] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  useEffect(() => void load().catch(() => undefined), [load, status?.state, status?.url]);
  const act = async (fn: () => Promise<string>): Promise<void> => {
    setError(null);
    setNote(null);
    try {
      setNote(await fn());
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const askRestore = async (s: Snapshot): Promise<void> => {
    await loadEmbedded().catch(() => undefined);
    const keys = useEmbedded.getState().state?.keys ?? 0;
    setConfirm(
      restoreRequest(
        s,
        keys,
        () =>
          void act(async () => {
            const r = await restore(s.id, keys);
            return `Restored “${r.restored.name}”. The data from before is kept as an automatic snapshot.`;
          }),
      ),
    );
  };
  const askRemove = (s: Snapshot): void =>
    setConfirm(
      removeRequest(s, () => void act(async () => (await remove(s.id, s.keys), `Deleted “${s.name}”.`))),
    );
  return (
    <div className="card snapshots" data-testid="snapshots-card">
      <h2>Snapshots</h2>
      {list && !list.available ? (
        <p className="muted" data-testid="snapshots-unavailable">
          {list.reason}
        </p>
      ) : (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => `Saved “${(await save(name.trim())).name}”.`).then(() => setName(''));
          }}
        >
          <input
            placeholder="name, e.g. seeded test data"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            aria-label="Snapshot name"
            data-testid="snapshot-name"
          />
          <button className="primary" disabled={!name.trim() || !!busy} data-testid="snapshot-save">
            {busy === 'saving' ? 'Saving…' : 'Save snapshot'}
          </button>
        </form>
      )}
      {busy === 'restoring' && (
        <p className="muted">Restoring: the embedded Redis restarts with the snapshot…</p>
      )}
      {note && <p data-testid="snapshot-note">{note}</p>}
      {error && <p className="error-text">{error}</p>}
      {list && list.snapshots.length > 0 && (
        <table className="snapshot-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Saved</th>
              <th className="num">Keys</th>
              <th className="num">Size</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.snapshots.map((s) => (
              <SnapshotRow
                key={s.id}
                s={s}
                disabled={!list.available || !!busy}
                onRestore={() => void askRestore(s)}
                onRemove={() => askRemove(s)}
              />
            ))}
          </tbody>
        </table>
      )}
      {list && list.available && list.snapshots.length === 0 && (
        <p className="muted">No snapshots yet: save the data as it is now to come back to it later.</p>
      )}
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </div>
  );
}
