import { useState } from 'react';
import { TypeToConfirm } from '../../components/ConfirmDialog/TypeToConfirm';
import { useKeyImport } from '../../stores/key-import';
import { useKeys } from '../../stores/keys';
import { ChoiceList } from './ChoiceList';
import { Dialog } from './Dialog';
import { formatBytes } from '../../format/size';

const CHOICES = [
  { id: 'skip', label: 'Skip keys that exist (leave them as they are)' },
  { id: 'replace', label: 'Replace them with the file’s values' },
] as const;

function Result(): React.JSX.Element | null {
  const result = useKeyImport((s) => s.result);
  if (!result) return null;
  return (
    <div data-testid="import-done">
      <p>
        Imported {result.imported.toLocaleString()} keys
        {result.replaced ? ` (${result.replaced.toLocaleString()} replaced)` : ''}, skipped{' '}
        {result.skipped.toLocaleString()} that existed
        {result.stopped ? ' — stopped before the end' : ''}.
      </p>
      {result.errorCount > 0 && (
        <div className="error-text" data-testid="import-errors">
          {result.errorCount.toLocaleString()} bad {result.errorCount === 1 ? 'line was' : 'lines were'} left
          out:
          <ul className="import-errors">
            {result.errors.map((e) => (
              <li key={e.line}>
                line {e.line}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** Import an export file: upload it, see how many keys exist, choose skip or replace (typed count), import. */
export function ImportKeysDialog({ onClose }: { onClose(): void }): React.JSX.Element {
  const s = useKeyImport();
  const [onExisting, setOnExisting] = useState<'skip' | 'replace'>('skip');
  const [typed, setTyped] = useState('');
  const existing = s.check?.existing ?? 0;
  const mustType = onExisting === 'replace' && existing > 0;
  const busy = s.phase === 'uploading' || s.phase === 'checking' || s.phase === 'importing';
  const close = (): void => {
    if (!busy) s.reset();
    onClose();
  };
  const run = async (): Promise<void> => {
    await s.run(onExisting, onExisting === 'replace' ? existing : undefined);
    if (useKeyImport.getState().phase === 'done') void useKeys.getState().startScan();
  };
  return (
    <Dialog title="Import keys" onClose={close} testId="import-dialog">
      <label className="form-grid">
        A file from Export (either format)
        <input
          type="file"
          accept=".jsonl,.ndjson,application/x-ndjson,text/plain"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void s.load(file);
          }}
          data-testid="import-file"
        />
      </label>
      {s.phase === 'uploading' && (
        <div>
          <progress max={Math.max(s.size, 1)} value={s.sent} />
          <span className="muted">
            {' '}
            sending {formatBytes(s.sent)} / {formatBytes(s.size)}
          </span>
        </div>
      )}
      {s.phase === 'checking' && <p className="muted">Reading the file…</p>}
      {s.check && s.phase !== 'done' && (
        <p data-testid="import-check">
          <b>{s.check.keys.toLocaleString()}</b> keys in <code>{s.fileName}</code>;{' '}
          <b>{existing.toLocaleString()}</b> of them exist here now
          {s.check.badLines ? `; ${s.check.badLines.toLocaleString()} bad lines will be reported` : ''}.
        </p>
      )}
      {s.phase === 'ready' && (
        <ChoiceList<'skip' | 'replace'>
          name="on-existing"
          options={CHOICES}
          value={onExisting}
          onChange={setOnExisting}
          testIdPrefix="import-"
        />
      )}
      {s.phase === 'ready' && mustType && (
        <TypeToConfirm
          expected={String(existing)}
          value={typed}
          onChange={setTyped}
          className="form-grid"
          testId="import-type"
        />
      )}
      {s.phase === 'importing' && (
        <div data-testid="import-progress">
          <progress max={Math.max(s.check?.keys ?? 1, 1)} value={s.imported} />
          <span className="muted"> line {s.lines.toLocaleString()}</span>
        </div>
      )}
      <Result />
      {s.error && <div className="error-text">{s.error}</div>}
      <div className="row-actions">
        <button onClick={close}>{s.phase === 'done' ? 'Close' : 'Cancel'}</button>
        {s.phase === 'importing' && (
          <button onClick={() => void s.stop()} data-testid="import-stop">
            Stop
          </button>
        )}
        {s.phase === 'ready' && (
          <button
            className={mustType ? 'primary danger-fill' : 'primary'}
            disabled={mustType && typed.trim() !== String(existing)}
            onClick={() => void run()}
            data-testid="import-start"
          >
            {mustType ? `Import, replacing ${existing.toLocaleString()} keys` : 'Import'}
          </button>
        )}
      </div>
    </Dialog>
  );
}
