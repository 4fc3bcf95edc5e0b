import { useCompose } from '../../stores/compose';
import { useTasks, useTasksSync } from '../../stores/compose-tasks';
import { useQueuesSync } from '../../stores/queues';
import { useTemplatesSync } from '../../stores/templates';
import { ArgsField } from './ArgsField';
import { EngineSelect, engineFor } from './EngineSelect';
import { Field } from './Field';
import { FlowSteps } from './FlowSteps';
import type { FlowKind } from './form/compose-form';
import { OptionsFields } from './OptionsFields';
import { ResultCard } from './ResultCard';
import { QueueInput, TaskInput } from './TaskFields';
import { TemplatesCard } from './TemplatesCard';
import './Compose.css';

const KINDS: Array<{ kind: FlowKind; label: string }> = [
  { kind: 'single', label: 'Single task' },
  { kind: 'chain', label: 'Chain' },
  { kind: 'group', label: 'Group' },
  { kind: 'chord', label: 'Chord' },
];

function ComposeForm(): React.JSX.Element {
  const { form, errors, busy, update, submit } = useCompose();
  const moduleError = useTasks((s) => s.list?.moduleError);
  const send = (): void => void submit(useTasks.getState().schemaOf);
  return (
    <form
      className="card compose-form"
      onSubmit={(e) => (e.preventDefault(), send())}
      noValidate
      data-testid="compose-form"
    >
      <div className="kind-switch" role="radiogroup" aria-label="What to enqueue">
        {KINDS.map((k) => (
          <button
            type="button"
            key={k.kind}
            role="radio"
            aria-checked={form.kind === k.kind}
            className={form.kind === k.kind ? 'selected' : ''}
            onClick={() => update({ kind: k.kind })}
            data-testid={`kind-${k.kind}`}
          >
            {k.label}
          </button>
        ))}
      </div>
      {moduleError && <p className="error-text">Task module: {moduleError}</p>}
      <div className="queue-engine">
        <QueueInput
          value={form.queue}
          onChange={(queue) => update({ queue, engine: engineFor(queue, form.engine) })}
          error={errors.queue}
          name="queue"
        />
        <EngineSelect value={form.engine} onChange={(engine) => update({ engine })} />
      </div>
      {form.kind === 'single' ? (
        <>
          <TaskInput
            value={form.task}
            onChange={(task) => update({ task })}
            error={errors.task}
            name="task"
            queue={form.queue}
            engine={form.engine}
          />
          <ArgsField
            value={form.argsJson}
            onChange={(argsJson) => update({ argsJson })}
            error={errors.argsJson}
            name="argsJson"
            task={form.task}
          />
          {form.engine === 'celery' && (
            <ArgsField
              value={form.kwargsJson}
              onChange={(kwargsJson) => update({ kwargsJson })}
              error={errors.kwargsJson}
              name="kwargsJson"
              task=""
              label="Kwargs (JSON object)"
              height="80px"
            />
          )}
          <OptionsFields
            value={form.options}
            onChange={(options) => update({ options })}
            errors={errors}
            engine={form.engine}
          />
          <Field
            label="Copies"
            error={errors.copies}
            name="copies"
            hint="more than 1 enqueues that many in bulk (load tests)"
          >
            <input
              value={form.copies}
              onChange={(e) => update({ copies: e.target.value })}
              inputMode="numeric"
              className={errors.copies ? 'invalid' : ''}
              data-testid="input-copies"
            />
          </Field>
        </>
      ) : (
        <FlowSteps
          kind={form.kind}
          steps={form.steps}
          callback={form.callback}
          queue={form.queue}
          errors={errors}
          onChange={(patch) => update(patch)}
        />
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy} data-testid="enqueue">
          {busy ? 'Enqueueing…' : 'Enqueue'}
        </button>
        {Object.keys(errors).length > 0 && (
          <span className="field-error" data-testid="form-invalid">
            Fix the fields marked above; nothing was sent.
          </span>
        )}
      </div>
    </form>
  );
}

export function ComposePage(): React.JSX.Element {
  useQueuesSync();
  useTasksSync();
  useTemplatesSync();
  return (
    <section className="compose-page">
      <h1>Compose</h1>
      <p className="muted">
        Write a task, enqueue it (or many copies, or a workflow), then follow it in Queues.
      </p>
      <div className="compose-grid">
        <ComposeForm />
        <div className="compose-side">
          <ResultCard />
          <TemplatesCard />
        </div>
      </div>
    </section>
  );
}
