import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api';
import { useKeys } from '../../stores/keys';
import { TypeToConfirm } from '../../components/ConfirmDialog/TypeToConfirm';
import { Dialog } from './Dialog';
import { matchParams } from '../../../../shared/bytes/match';
import { PatternField } from './PatternField';

type Step =
  | { name: 'ask' }
  | { name: 'counting' }
  | { name: 'confirm'; count: number }
  | { name: 'deleting'; count: number; deleted: number }
  | { name: 'done'; deleted: number };

/** Delete by pattern: count the matches, confirm with the count, then delete in batches with progress. */
export function DeletePatternDialog({ onClose }: { onClose(): void }): React.JSX.Element {
  const [match, setMatch] = useState(useKeys.getState().match || '');
  const [step, setStep] = useState<Step>({ name: 'ask' });
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  // Deleting everything is one click too many: the count must be typed (the server checks it as well).
  const everything = /^\*+$/.test(match);
  const [opId] = useState(() => `del-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  useEffect(
    () =>
      api.on('keys.deleteProgress', (e) => {
        if (e.opId !== opId) return;
        setStep((s) => (s.name === 'deleting' ? { ...s, deleted: e.deleted } : s));
      }),
    [opId],
  );
  const count = async (): Promise<void> => {
    setError(null);
    setStep({ name: 'counting' });
    try {
      const r = await api.call('keys.countPattern', { match, ...matchParams(match) });
      setStep({ name: 'confirm', count: r.count });
    } catch (err) {
      setError(errorMessage(err));
      setStep({ name: 'ask' });
    }
  };
  const run = async (n: number): Promise<void> => {
    setStep({ name: 'deleting', count: n, deleted: 0 });
    try {
      const r = await api.call('keys.deletePattern', {
        match,
        ...matchParams(match),
        opId,
        confirm: n,
      });
      setStep({ name: 'done', deleted: r.deleted });
      void useKeys.getState().startScan();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Dialog title="Delete keys by pattern" onClose={onClose} testId="delete-pattern-dialog">
      <PatternField
        value={match}
        disabled={step.name !== 'ask'}
        onChange={setMatch}
        testId="delete-pattern-input"
      />
      {step.name === 'confirm' && (
        <p data-testid="delete-pattern-count">
          <b>{step.count.toLocaleString()}</b> keys match <code>{match}</code>
          {everything ? ': that is every key in this database' : ''}. Delete them all? This cannot be undone.
        </p>
      )}
      {step.name === 'confirm' && everything && step.count > 0 && (
        <TypeToConfirm
          expected={String(step.count)}
          value={typed}
          onChange={setTyped}
          className="form-grid"
          testId="delete-pattern-type"
        />
      )}
      {step.name === 'deleting' && (
        <div>
          <progress max={Math.max(step.count, 1)} value={step.deleted} />
          <span className="muted">
            {' '}
            {step.deleted.toLocaleString()} / {step.count.toLocaleString()} deleted
          </span>
        </div>
      )}
      {step.name === 'done' && (
        <p data-testid="delete-pattern-done">Deleted {step.deleted.toLocaleString()} keys.</p>
      )}
      {error && <div className="error-text">{error}</div>}
      <div className="row-actions">
        <button onClick={onClose}>{step.name === 'done' ? 'Close' : 'Cancel'}</button>
        {step.name === 'ask' && (
          <button className="primary" disabled={!match} onClick={() => void count()}>
            Count matches
          </button>
        )}
        {step.name === 'counting' && <button disabled>Counting…</button>}
        {step.name === 'confirm' && (
          <button
            className="primary danger-fill"
            disabled={step.count === 0 || (everything && typed.trim() !== String(step.count))}
            onClick={() => void run(step.count)}
            data-testid="delete-pattern-confirm"
          >
            Delete {step.count.toLocaleString()} keys
          </button>
        )}
      </div>
    </Dialog>
  );
}
