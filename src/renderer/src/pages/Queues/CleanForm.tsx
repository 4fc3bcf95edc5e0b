import { useState } from 'react';
import type { CleanableState } from '../../../../shared/contract';
import { api } from '../../api';
import { useQueues } from '../../stores/queues';

const UNITS = { s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "Clean completed/failed older than an age": the age is checked before anything is sent. */
export function CleanForm({
  queue,
  run,
  onDone,
}: {
  queue: string;
  run(action: () => Promise<string>, what: string): Promise<void>;
  onDone(): void;
}): React.JSX.Element {
  const [state, setState] = useState<CleanableState>('completed');
  const [age, setAge] = useState('0');
  const [unit, setUnit] = useState<keyof typeof UNITS>('min');
  const [error, setError] = useState<string | null>(null);
  const submit = (): void => {
    const n = Number(age.trim());
    if (age.trim() === '' || !Number.isFinite(n) || n < 0) {
      setError('age: a number ≥ 0 (0 cleans them all)');
      return;
    }
    setError(null);
    const olderThanMs = Math.round(n * UNITS[unit]);
    void run(async () => {
      const { removed } = await api.call('queues.clean', {
        queue,
        prefix: useQueues.getState().prefix,
        state,
        olderThanMs,
      });
      return `Removed ${removed.toLocaleString()} ${state} job${removed === 1 ? '' : 's'} from ${queue}`;
    }, 'Clean').then(onDone);
  };
  return (
    <form
      className="clean-form card"
      onSubmit={(e) => (e.preventDefault(), submit())}
      noValidate
      data-testid="clean-form"
    >
      <span>Remove</span>
      <select
        value={state}
        onChange={(e) => setState(e.target.value as CleanableState)}
        aria-label="State to clean"
        data-testid="clean-state"
      >
        <option value="completed">completed</option>
        <option value="failed">failed</option>
        <option value="delayed">delayed</option>
        <option value="waiting">waiting</option>
      </select>
      <span>jobs older than</span>
      <input
        value={age}
        onChange={(e) => setAge(e.target.value)}
        aria-label="Age"
        className="age"
        data-testid="clean-age"
      />
      <select
        value={unit}
        onChange={(e) => setUnit(e.target.value as keyof typeof UNITS)}
        aria-label="Age unit"
      >
        {Object.keys(UNITS).map((u) => (
          <option key={u}>{u}</option>
        ))}
      </select>
      <button type="submit" className="primary" data-testid="clean-submit">
        Clean
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {error && (
        <span className="field-error" data-testid="clean-error">
          {error}
        </span>
      )}
    </form>
  );
}
