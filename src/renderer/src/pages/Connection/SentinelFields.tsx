import { LabeledInput } from './LabeledInput';
import type { TopologyErrors, TopologyFormState } from './topology-form-state';

type Change = (e: React.ChangeEvent<HTMLInputElement>) => void;

interface Props {
  form: TopologyFormState;
  errors: TopologyErrors;
  field(key: keyof TopologyFormState): Change;
  passwordPlaceholder?: string;
}

/** What only a Sentinel connection names: the master and the database (two cells of the form's grid). */
export function SentinelTargetFields(p: Props): React.JSX.Element {
  return (
    <>
      <LabeledInput
        label="Master name"
        value={p.form.name}
        onChange={p.field('name')}
        data-testid="topology-name"
        error={p.errors.name}
      />
      <LabeledInput
        label="Database"
        value={p.form.db}
        onChange={p.field('db')}
        placeholder="0"
        inputMode="numeric"
        error={p.errors.db}
      />
    </>
  );
}

/** The sentinels' own credentials, when they have a password apart from the data nodes'. */
export function SentinelAuthFields(p: Props): React.JSX.Element {
  return (
    <>
      <label>
        Sentinel username
        <input
          value={p.form.sentinelUsername}
          onChange={p.field('sentinelUsername')}
          autoComplete="off"
          data-testid="topology-sentinel-username"
        />
      </label>
      <label>
        Sentinel password
        <input
          type="password"
          value={p.form.sentinelPassword}
          onChange={p.field('sentinelPassword')}
          autoComplete="off"
          placeholder={p.passwordPlaceholder}
          data-testid="topology-sentinel-password"
        />
      </label>
    </>
  );
}
