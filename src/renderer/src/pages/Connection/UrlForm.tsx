import { useState } from 'react';
import { api } from '../../api';
import { useSavedConnections } from '../../stores/saved-connections';
import { CredentialFields } from './CredentialFields';
import { FormFooter } from './FormFooter';
import { LabeledInput } from './LabeledInput';
import { EMPTY_URL_FORM, toUrlTarget, type UrlFormState } from './url-form-state';
import { fieldSetter, testedOutcome, useFormRun, type FormOutcome } from './use-form-run';

export function UrlForm({
  initial,
}: {
  initial?: Partial<UrlFormState> & { saved?: string };
}): React.JSX.Element {
  const [form, setForm] = useState<UrlFormState>({ ...EMPTY_URL_FORM, ...initial });
  const [errors, setErrors] = useState<Partial<Record<keyof UrlFormState, string>>>({});
  const { busy, outcome, perform } = useFormRun();
  const save = useSavedConnections((s) => s.save);
  const field = fieldSetter(form, setForm);

  const run = async (action: 'test' | 'connect' | 'save'): Promise<void> => {
    const { target, errors: found } = toUrlTarget(form);
    if (action === 'save' && !form.name.trim()) found.name = 'Give the connection a name';
    setErrors(found);
    if (!target || Object.keys(found).length) return;
    if (initial?.saved && !form.password) target.saved = initial.saved;
    await perform(async (): Promise<FormOutcome> => {
      if (action === 'test') return testedOutcome(await api.call('connection.test', target));
      if (action === 'connect') {
        await api.call('connection.connect', target);
        return { ok: true, text: 'Connected' };
      }
      const { mode: _mode, saved: _saved, ...rest } = target;
      await save({ ...rest, name: form.name.trim() });
      return { ok: true, text: `Saved as “${form.name.trim()}”` };
    });
  };

  return (
    <form className="card url-form" onSubmit={(e) => (e.preventDefault(), void run('connect'))} noValidate>
      <h2>Redis URL</h2>
      <LabeledInput
        label="URL"
        value={form.url}
        onChange={field('url')}
        placeholder="redis://host:6379"
        data-testid="url-input"
        className="mono"
        error={errors.url}
      />
      <div className="grid2">
        <CredentialFields
          username={form.username}
          password={form.password}
          onUsername={field('username')}
          onPassword={field('password')}
          passwordPlaceholder={initial?.saved ? 'saved' : ''}
        />
        <LabeledInput
          label="Database"
          value={form.db}
          onChange={field('db')}
          placeholder="0"
          inputMode="numeric"
          data-testid="url-db"
          error={errors.db}
        />
        <label className="check">
          <input type="checkbox" checked={form.tls} onChange={field('tls')} /> TLS
        </label>
      </div>
      <FormFooter
        prefix="url"
        tls={form}
        onTls={(c) => setForm({ ...form, ...c })}
        tlsError={errors.tlsCa}
        busy={busy}
        run={run}
        name={form.name}
        onName={field('name')}
        namePlaceholder="Name, e.g. staging"
        nameError={errors.name}
        outcome={outcome}
      />
    </form>
  );
}
