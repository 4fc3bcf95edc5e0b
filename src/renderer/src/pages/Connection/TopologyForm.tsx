import { useState } from 'react';
import { api } from '../../api';
import { useSavedConnections } from '../../stores/saved-connections';
import { CredentialFields } from './CredentialFields';
import { FormFooter } from './FormFooter';
import { SentinelAuthFields, SentinelTargetFields } from './SentinelFields';
import {
  EMPTY_TOPOLOGY_FORM,
  toTopologyTarget,
  type TopologyErrors,
  type TopologyFormState,
  type TopologyKind,
} from './topology-form-state';
import { fieldSetter, testedOutcome, useFormRun, type FormOutcome } from './use-form-run';

const KINDS: Array<[TopologyKind, string]> = [
  ['sentinel', 'Sentinel'],
  ['cluster', 'Cluster'],
];

/**
 * Connects through Redis Sentinel (by master name) or to a Redis Cluster (by any of its nodes); tests and saves
 * such a connection. `saved` names the saved connection being edited: its stored passwords fill empty fields.
 */
export function TopologyForm({
  initial,
  saved,
}: {
  initial?: TopologyFormState;
  saved?: string;
}): React.JSX.Element {
  const [form, setForm] = useState<TopologyFormState>(initial ?? EMPTY_TOPOLOGY_FORM);
  const [errors, setErrors] = useState<TopologyErrors>({});
  const { busy, outcome, perform } = useFormRun();
  const save = useSavedConnections((s) => s.save);
  const sentinel = form.kind === 'sentinel';
  const field = fieldSetter(form, setForm);

  const run = async (action: 'test' | 'connect' | 'save'): Promise<void> => {
    const { target, errors: found } = toTopologyTarget(form);
    const name = form.saveAs.trim();
    if (action === 'save' && !name) found.saveAs = 'Give the connection a name';
    setErrors(found);
    if (!target || Object.keys(found).length) return;
    // The stored passwords belong to the saved kind: a form switched to the other kind has none.
    const withSaved = saved && form.kind === initial?.kind ? { ...target, saved } : target;
    await perform(async (): Promise<FormOutcome> => {
      if (action === 'test') {
        const r = await api.call('connection.test', withSaved);
        return testedOutcome(
          r,
          r.primary ? `, primary ${r.primary}` : r.primaries ? `, ${r.primaries} primaries` : '',
        );
      }
      if (action === 'connect') {
        const status = await api.call('connection.connect', withSaved);
        return { ok: true, text: status.primary ? `Connected, primary ${status.primary}` : 'Connected' };
      }
      await save({ name, target });
      return { ok: true, text: `Saved as “${name}”` };
    });
  };
  const placeholder = saved ? 'saved' : '';

  return (
    <form
      className="card url-form topology-form"
      onSubmit={(e) => (e.preventDefault(), void run('connect'))}
      noValidate
    >
      <h2>Sentinel or Cluster</h2>
      <div className="row" role="radiogroup" aria-label="Kind">
        {KINDS.map(([kind, label]) => (
          <label key={kind} className="check">
            <input
              type="radio"
              name="topology-kind"
              checked={form.kind === kind}
              onChange={() => (setForm({ ...form, kind }), setErrors({}))}
              data-testid={`topology-${kind}`}
            />{' '}
            {label}
          </label>
        ))}
      </div>
      <label>
        {sentinel ? 'Sentinels (host:port, one a line)' : 'Nodes (host:port, one a line; one is enough)'}
        <textarea
          value={form.nodes}
          onChange={field('nodes')}
          rows={3}
          className="mono"
          placeholder={sentinel ? '127.0.0.1:26379' : '127.0.0.1:7000'}
          data-testid="topology-nodes"
        />
        {errors.nodes && <span className="field-error">{errors.nodes}</span>}
      </label>
      <div className="grid2">
        {sentinel && <SentinelTargetFields form={form} errors={errors} field={field} />}
        <CredentialFields
          username={form.username}
          password={form.password}
          onUsername={field('username')}
          onPassword={field('password')}
          passwordPlaceholder={placeholder}
          testIdPrefix="topology"
        />
        {sentinel && (
          <SentinelAuthFields form={form} errors={errors} field={field} passwordPlaceholder={placeholder} />
        )}
        <label className="check">
          <input type="checkbox" checked={form.tls} onChange={field('tls')} data-testid="topology-tls" />{' '}
          {sentinel ? 'TLS (data nodes and sentinels)' : 'TLS'}
        </label>
      </div>
      <FormFooter
        prefix="topology"
        tls={form}
        onTls={(c) => setForm({ ...form, ...c })}
        tlsError={errors.tlsCa}
        busy={busy}
        run={run}
        name={form.saveAs}
        onName={field('saveAs')}
        namePlaceholder="Name, e.g. production"
        nameError={errors.saveAs}
        outcome={outcome}
      />
    </form>
  );
}
