import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { useSavedConnections } from '../../stores/saved-connections';
import { CredentialFields } from './CredentialFields';
import { EMPTY_URL_FORM, toUrlTarget, type UrlFormState } from './url-form-state';

type Outcome = { kind: 'ok' | 'error'; text: string } | null;

export function UrlForm({
  initial,
}: {
  initial?: Partial<UrlFormState> & { saved?: string };
}): React.JSX.Element {
  const [form, setForm] = useState<UrlFormState>({ ...EMPTY_URL_FORM, ...initial });
  const [errors, setErrors] = useState<Partial<Record<keyof UrlFormState, string>>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const save = useSavedConnections((s) => s.save);
  const field = (key: keyof UrlFormState) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setForm({
      ...form,
      [key]:
        e.target instanceof HTMLInputElement && e.target.type === 'checkbox'
          ? e.target.checked
          : e.target.value,
    });

  const run = async (action: 'test' | 'connect' | 'save'): Promise<void> => {
    const { target, errors: found } = toUrlTarget(form);
    if (action === 'save' && !form.name.trim()) found.name = 'Give the connection a name';
    setErrors(found);
    if (!target || Object.keys(found).length) return;
    if (initial?.saved && !form.password) target.saved = initial.saved;
    setBusy(true);
    setOutcome(null);
    try {
      if (action === 'test') {
        const r = await api.call('connection.test', target);
        setOutcome(
          r.ok
            ? { kind: 'ok', text: `Reached Redis ${r.version} in ${r.latencyMs} ms` }
            : { kind: 'error', text: r.error ?? 'failed' },
        );
      } else if (action === 'connect') {
        await api.call('connection.connect', target);
        setOutcome({ kind: 'ok', text: 'Connected' });
      } else {
        const { mode: _mode, saved: _saved, ...rest } = target;
        await save({ ...rest, name: form.name.trim() });
        setOutcome({ kind: 'ok', text: `Saved as “${form.name.trim()}”` });
      }
    } catch (err) {
      setOutcome({ kind: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card url-form" onSubmit={(e) => (e.preventDefault(), void run('connect'))} noValidate>
      <h2>Redis URL</h2>
      <label>
        URL
        <input
          value={form.url}
          onChange={field('url')}
          placeholder="redis://host:6379"
          data-testid="url-input"
          className="mono"
        />
        {errors.url && <span className="field-error">{errors.url}</span>}
      </label>
      <div className="grid2">
        <CredentialFields
          username={form.username}
          password={form.password}
          onUsername={field('username')}
          onPassword={field('password')}
          passwordPlaceholder={initial?.saved ? 'saved' : ''}
        />
        <label>
          Database
          <input
            value={form.db}
            onChange={field('db')}
            placeholder="0"
            inputMode="numeric"
            data-testid="url-db"
          />
          {errors.db && <span className="field-error">{errors.db}</span>}
        </label>
        <label className="check">
          <input type="checkbox" checked={form.tls} onChange={field('tls')} /> TLS
        </label>
      </div>
      {form.tls && (
        <div className="tls-options">
          <label>
            CA certificate (PEM), for a private or self-signed CA
            <textarea
              value={form.tlsCa}
              onChange={field('tlsCa')}
              rows={3}
              className="mono"
              placeholder="-----BEGIN CERTIFICATE-----"
            />
            {errors.tlsCa && <span className="field-error">{errors.tlsCa}</span>}
          </label>
          <label className="check">
            <input type="checkbox" checked={form.tlsSkipVerify} onChange={field('tlsSkipVerify')} /> Skip
            certificate verification (local set-ups only)
          </label>
        </div>
      )}
      <div className="row">
        <button type="button" disabled={busy} onClick={() => void run('test')} data-testid="url-test">
          Test connection
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="url-connect">
          Connect
        </button>
      </div>
      <div className="row">
        <input
          value={form.name}
          onChange={field('name')}
          placeholder="Name, e.g. staging"
          aria-label="Connection name"
        />
        <button type="button" disabled={busy} onClick={() => void run('save')} data-testid="url-save">
          Save
        </button>
      </div>
      {errors.name && <span className="field-error">{errors.name}</span>}
      {outcome && (
        <p
          className={outcome.kind === 'ok' ? 'ok-text' : 'error-text'}
          data-testid="url-outcome"
          role="status"
        >
          {outcome.text}
        </p>
      )}
    </form>
  );
}
