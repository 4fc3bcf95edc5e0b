import { useState } from 'react';
import { TemplateName, type Template } from '../../../../shared/contract';
import { errorMessage } from '../../api';
import { toast } from '../../components/Toast/toast-store';
import { useCompose } from '../../stores/compose';
import { useTasks } from '../../stores/compose-tasks';
import { useTemplates } from '../../stores/templates';

function nameError(text: string): string | null {
  const r = TemplateName.safeParse(text);
  return r.success ? null : (r.error.issues[0]?.message ?? 'bad name');
}

function TemplateRow({ t }: { t: Template }): React.JSX.Element {
  const { rename, remove } = useTemplates();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = async (): Promise<void> => {
    const to = (editing ?? '').trim();
    const bad = nameError(to);
    if (bad) return setError(bad);
    try {
      if (to !== t.name) await rename(t.name, to);
      setEditing(null);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const summary =
    t.draft.kind === 'single'
      ? `${t.draft.task} → ${t.draft.queue}`
      : `${t.draft.kind} of ${t.draft.steps?.length ?? 0} → ${t.draft.queue}`;
  return (
    <li data-testid="template-row">
      {editing === null ? (
        <div className="template-name">
          <strong>{t.name}</strong>
          <span className="muted mono">{summary}</span>
        </div>
      ) : (
        <form className="template-name" onSubmit={(e) => (e.preventDefault(), void commit())} noValidate>
          <input
            autoFocus
            value={editing}
            onChange={(e) => setEditing(e.target.value)}
            aria-label="New name"
            data-testid="template-rename-input"
          />
          {error && <span className="field-error">{error}</span>}
        </form>
      )}
      {editing === null ? (
        <>
          <button
            onClick={() => (useCompose.getState().loadDraft(t.draft), toast('ok', `Loaded “${t.name}”`))}
            data-testid="template-load"
          >
            Load
          </button>
          <button onClick={() => setEditing(t.name)}>Rename</button>
          <button
            className="danger"
            onClick={() => remove(t.name).catch((e) => toast('error', errorMessage(e)))}
          >
            Delete
          </button>
        </>
      ) : (
        <>
          <button onClick={() => void commit()}>Save</button>
          <button onClick={() => (setEditing(null), setError(null))}>Cancel</button>
        </>
      )}
    </li>
  );
}

/** Save the form as a named template; load, rename or delete saved ones (kept in the app's data folder). */
export function TemplatesCard(): React.JSX.Element {
  const { items, save, error: loadError } = useTemplates();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const saveCurrent = async (): Promise<void> => {
    const bad = nameError(name);
    const draft = useCompose.getState().check(useTasks.getState().schemaOf);
    if (bad || !draft)
      return setError(bad ?? 'fix the form first: a template is saved only when it is valid');
    const exists = items.some((t) => t.name === name.trim());
    try {
      await save(name.trim(), draft, exists);
      toast('ok', `${exists ? 'Updated' : 'Saved'} template “${name.trim()}”`);
      setName('');
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <div className="card templates" data-testid="templates">
      <h2>Templates</h2>
      <form className="row" onSubmit={(e) => (e.preventDefault(), void saveCurrent())} noValidate>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Template name"
          aria-label="Template name"
          data-testid="template-name"
        />
        <button type="submit" data-testid="template-save">
          Save current
        </button>
      </form>
      {error && (
        <span className="field-error" data-testid="template-error">
          {error}
        </span>
      )}
      {loadError && <p className="error-text">{loadError}</p>}
      {items.length === 0 ? (
        <p className="muted">No templates yet. Fill in the form and save it here to reuse it.</p>
      ) : (
        <ul className="template-list">
          {items.map((t) => (
            <TemplateRow key={t.name} t={t} />
          ))}
        </ul>
      )}
    </div>
  );
}
