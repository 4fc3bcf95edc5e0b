import { FormActions } from './FormActions';
import { TlsOptions } from './TlsOptions';
import type { TlsFormChoices } from './tls-choices';
import type { FormOutcome } from './use-form-run';

/**
 * What a URL and a Sentinel/Cluster form end with alike: the TLS options (while TLS is on), then the actions.
 * Test ids start with `prefix` (see TlsOptions and FormActions).
 */
export function FormFooter(p: {
  prefix: string;
  tls: TlsFormChoices;
  onTls(change: Partial<TlsFormChoices>): void;
  tlsError?: string;
  busy: boolean;
  run(action: 'test' | 'save'): Promise<void>;
  name: string;
  onName(e: React.ChangeEvent<HTMLInputElement>): void;
  namePlaceholder: string;
  nameError?: string;
  outcome: FormOutcome | null;
}): React.JSX.Element {
  return (
    <>
      <TlsOptions choices={p.tls} onChange={p.onTls} error={p.tlsError} testIdPrefix={p.prefix} />
      <FormActions
        prefix={p.prefix}
        busy={p.busy}
        onTest={() => void p.run('test')}
        onSave={() => void p.run('save')}
        name={p.name}
        onName={p.onName}
        namePlaceholder={p.namePlaceholder}
        nameError={p.nameError}
        outcome={p.outcome}
      />
    </>
  );
}
