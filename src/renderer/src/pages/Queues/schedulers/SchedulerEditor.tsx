import { useState } from 'react';
import { api, errorMessage } from '../../../api';
import { toast } from '../../../components/Toast/toast-store';
import { SelectField, TextField } from '../../Compose/Field';
import { JsonField } from '../../Compose/JsonField';
import { validateScheduler, type SchedulerErrors, type SchedulerForm } from './scheduler-form';

type TextField = 'id' | 'task' | 'everySec' | 'cron' | 'tz' | 'limit' | 'attempts';

/** Creates or edits one job scheduler; saving an edit plans its next run again, and says so first. */
export function SchedulerEditor({
  initial,
  editing,
  queue,
  prefix,
  onDone,
}: {
  initial: SchedulerForm;
  editing: boolean;
  queue: string;
  prefix: string;
  onDone(saved: boolean): void;
}): React.JSX.Element {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<SchedulerErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<SchedulerForm>): void => {
    setForm({ ...form, ...patch });
    // A field's error goes as soon as it is edited; the next save checks again.
    setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => !(k in patch))));
  };
  const input = (key: TextField, label: string, hint?: string): React.JSX.Element => (
    <TextField
      label={label}
      name={`scheduler-${key}`}
      error={errors[key]}
      hint={hint}
      value={form[key]}
      onChange={(text) => set({ [key]: text })}
      disabled={key === 'id' && editing}
    />
  );
  const save = async (): Promise<void> => {
    const { input: value, errors: found } = validateScheduler(form, { queue, prefix });
    setErrors(found);
    if (!value) return;
    setBusy(true);
    try {
      await api.call('schedulers.upsert', value);
      toast('ok', editing ? `Scheduler ${form.id} saved` : `Scheduler ${form.id} created`);
      onDone(true);
    } catch (err) {
      const message = errorMessage(err);
      if (/pattern/.test(message)) setErrors({ cron: message.replace(/^pattern\.cron: /, '') });
      else toast('error', `Could not save the scheduler: ${message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card scheduler-editor"
      onSubmit={(e) => (e.preventDefault(), void save())}
      noValidate
      data-testid="scheduler-editor"
    >
      <h3>{editing ? `Edit scheduler ${form.id}` : `New job scheduler on ${queue}`}</h3>
      <div className="schedule-grid">
        {input('id', 'Id')}
        {input('task', 'Task (job name)')}
        <SelectField
          label="Runs"
          name="scheduler-kind"
          value={form.kind}
          choices={{ every: 'every N seconds', cron: 'on a cron pattern' }}
          onChange={(kind) => set({ kind })}
        />
        {form.kind === 'every' && input('everySec', 'Every (seconds)', 'the first run is at once')}
        {form.kind === 'cron' && input('cron', 'Cron pattern', 'min hour day month weekday')}
        {form.kind === 'cron' && input('tz', 'Time zone', 'blank = the worker’s')}
        {input('limit', 'Stop after (runs)', 'blank = never')}
        {input('attempts', 'Attempts per run', 'blank = 1')}
      </div>
      <JsonField
        label="Data (JSON) each run gets"
        editorLabel="Scheduler data"
        value={form.argsJson}
        onChange={(text) => set({ argsJson: text })}
        error={errors.argsJson}
        testId="scheduler-args"
      />
      <div className="row">
        {editing && (
          <span className="muted">
            Saving plans the next run again from now; the pending run is replaced.
          </span>
        )}
        <span className="grow" />
        <button type="button" onClick={() => onDone(false)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="scheduler-save">
          {editing ? 'Save scheduler' : 'Create scheduler'}
        </button>
      </div>
    </form>
  );
}
