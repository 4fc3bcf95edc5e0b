import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { CredentialFields } from './CredentialFields';
import {
  EMPTY_TOPOLOGY_FORM,
  toTopologyTarget,
  type TopologyErrors,
  type TopologyFormState,
  type TopologyKind,
} from './topology-form-state';

const KINDS: Array<[TopologyKind, string]> = [
  ['sentinel', 'Sentinel'],
  ['cluster', 'Cluster'],
];

/** Connects through Redis Sentinel (by master name) or to a Redis Cluster (by any of its nodes). */
export function TopologyForm(): React.JSX.Element {
  const [form, setForm] = useState<TopologyFormState>(EMPTY_TOPOLOGY_FORM);
  const [errors, setErrors] = useState<TopologyErrors>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const sentinel = form.kind === 'sentinel';
  const field =
    (key: keyof TopologyFormState) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setForm({
        ...form,
        [key]: e.target.type === 'checkbox' ? (e.target as HTMLInputElement).checked : e.target.value,
      });

  const connect = async (): Promise<void> => {
    const { target, errors: found } = toTopologyTarget(form);
    setErrors(found);
    if (!target) return;
    setBusy(true);
    setOutcome(null);
    try {
      const status = await api.call('connection.connect', target);
      setOutcome({ ok: true, text: status.primary ? `Connected, primary ${status.primary}` : 'Connected' });
    } catch (err) {
      setOutcome({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card url-form topology-form"
      onSubmit={(e) => (e.preventDefault(), void connect())}
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
        {sentinel && (
          <label>
            Master name
            <input value={form.name} onChange={field('name')} data-testid="topology-name" />
            {errors.name && <span className="field-error">{errors.name}</span>}
          </label>
        )}
        <CredentialFields
          username={form.username}
          password={form.password}
          onUsername={field('username')}
          onPassword={field('password')}
        />
        {sentinel && (
          <>
            <label>
              Sentinel password
              <input
                type="password"
                value={form.sentinelPassword}
                onChange={field('sentinelPassword')}
                autoComplete="off"
              />
            </label>
            <label>
              Database
              <input value={form.db} onChange={field('db')} placeholder="0" inputMode="numeric" />
              {errors.db && <span className="field-error">{errors.db}</span>}
            </label>
          </>
        )}
        <label className="check">
          <input type="checkbox" checked={form.tls} onChange={field('tls')} /> TLS
        </label>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={busy} data-testid="topology-connect">
          Connect
        </button>
      </div>
      {outcome && (
        <p className={outcome.ok ? 'ok-text' : 'error-text'} role="status" data-testid="topology-outcome">
          {outcome.text}
        </p>
      )}
    </form>
  );
}
