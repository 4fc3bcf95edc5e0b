import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api';
import { toast } from '../../components/Toast/toast-store';
import { Field, SelectField, TextField } from '../Compose/Field';
import { JsonField } from '../Compose/JsonField';
import { formTrigger, validateSchedule, type ScheduleErrors, type ScheduleForm } from './schedule-form';

/** Asks the host for the next 5 fire times as the trigger is typed; an invalid cron comes back as the error. */
function usePreview(form: ScheduleForm): { times: number[]; error: string | null } {
  const [state, setState] = useState<{ times: number[]; error: string | null }>({ times: [], error: null });
  const { trigger, errors } = formTrigger(form);
  const key = JSON.stringify(trigger ?? errors);
  useEffect(() => {
    const { trigger: t } = formTrigger(form);
    if (!t) return setState({ times: [], error: null });
    let live = true;
    const timer = setTimeout(() => {
      api.call('beat.preview', { trigger: t, count: 5 }).then(
        ({ times }) => live && setState({ times, error: null }),
        (err) => live && setState({ times: [], error: errorMessage(err).replace(/^trigger\.?/, '') }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key is the trigger itself
  }, [key]);
  return state;
}

export function ScheduleEditor({
  initial,
  editing,
  onDone,
}: {
  initial: ScheduleForm;
  /** Editing an existing schedule (its id is fixed) rather than adding one. */
  editing: boolean;
  onDone(): void;
}): React.JSX.Element {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<ScheduleErrors>({});
  const [busy, setBusy] = useState(false);
  const preview = usePreview(form);
  const set = (patch: Partial<ScheduleForm>): void => setForm({ ...form, ...patch });
  const input = (
    key: 'id' | 'task' | 'queue' | 'everySec' | 'cron' | 'tz',
    label: string,
    hint?: string,
  ): React.JSX.Element => (
    <TextField
      label={label}
      name={`schedule-${key}`}
      error={errors[key]}
      hint={hint}
      value={form[key]}
      onChange={(text) => set({ [key]: text })}
      disabled={key === 'id' && editing}
    />
  );
  const json = (key: 'argsJson' | 'kwargsJson', label: string, name: string): React.JSX.Element => (
    <JsonField
      label={label}
      editorLabel={`Schedule ${name}`}
      value={form[key]}
      onChange={(text) => set({ [key]: text })}
      error={errors[key]}
      testId={`schedule-${name}`}
    />
  );
  const save = async (): Promise<void> => {
    const { input: value, errors: found } = validateSchedule(form);
    const field = form.kind === 'every' ? 'everySec' : form.kind;
    const triggerError = preview.error ? { [field]: preview.error } : {};
    setErrors({ ...found, ...triggerError });
    if (!value || preview.error) return;
    setBusy(true);
    try {
      if (editing) await api.call('beat.update', { ...value, id: form.id });
      else await api.call('beat.add', value);
      toast('ok', editing ? `Schedule ${form.id} updated` : 'Schedule added');
      onDone();
    } catch (err) {
      toast('error', `Could not save the schedule: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="schedule-editor"
      onSubmit={(e) => (e.preventDefault(), void save())}
      noValidate
      data-testid="schedule-editor"
    >
      <div className="schedule-grid">
        {input('id', 'Id', editing ? undefined : 'optional; made up when blank')}
        {input('task', 'Task')}
        {input('queue', 'Queue')}
        <SelectField
          label="Engine"
          name="schedule-engine"
          value={form.engine}
          choices={{ bullmq: 'BullMQ', celery: 'Celery' }}
          onChange={(engine) => set({ engine })}
        />
        <SelectField
          label="Trigger"
          name="schedule-kind"
          value={form.kind}
          choices={{ every: 'every N seconds', cron: 'cron expression', at: 'once, at a time' }}
          onChange={(kind) => set({ kind })}
        />
        {form.kind === 'every' && input('everySec', 'Every (seconds)')}
        {form.kind === 'cron' && input('cron', 'Cron', 'min hour day month weekday')}
        {form.kind === 'cron' && input('tz', 'Time zone', 'blank = the server’s')}
        {form.kind === 'at' && (
          <Field label="At" error={errors.at} name="schedule-at">
            <input
              type="datetime-local"
              value={form.at}
              onChange={(e) => set({ at: e.target.value })}
              data-testid="schedule-at"
            />
          </Field>
        )}
      </div>
      {json('argsJson', 'Args (JSON)', 'args')}
      {form.engine === 'celery' && json('kwargsJson', 'Kwargs (JSON object, Celery)', 'kwargs')}
      <div className="preview" data-testid="schedule-preview">
        <span className="field-label">Next 5 runs</span>
        {preview.error ? (
          <span className="field-error" data-testid="schedule-trigger-error">
            {preview.error}
          </span>
        ) : (
          <ol>
            {preview.times.map((t) => (
              <li key={t}>{new Date(t).toLocaleString(undefined, { hour12: false })}</li>
            ))}
          </ol>
        )}
      </div>
      <div className="row">
        <label className="check">
          <input
            type="checkbox"
            checked={form.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />{' '}
          enabled
        </label>
        <span className="grow" />
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="schedule-save">
          {editing ? 'Save schedule' : 'Add schedule'}
        </button>
      </div>
    </form>
  );
}
