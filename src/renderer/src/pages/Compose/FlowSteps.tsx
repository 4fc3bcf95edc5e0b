import type { FieldErrors, FlowKind, StepForm } from './form/compose-form';
import { emptyStep } from './form/compose-form';
import { ArgsField } from './ArgsField';
import { QueueInput, TaskInput } from './TaskFields';

const HELP: Record<Exclude<FlowKind, 'single'>, string> = {
  chain: 'Steps run one after another; each gets the previous result.',
  group: 'Steps run in parallel.',
  chord: 'Steps run in parallel, then the callback gets all their results.',
};

function StepEditor({
  step,
  at,
  title,
  queue,
  errors,
  onChange,
  onRemove,
}: {
  step: StepForm;
  at: string;
  title: string;
  queue: string;
  errors: FieldErrors;
  onChange(s: StepForm): void;
  onRemove?(): void;
}): React.JSX.Element {
  return (
    <div className="step card" data-testid="flow-step">
      <div className="row-between">
        <strong>{title}</strong>
        {onRemove && (
          <button type="button" className="link danger" onClick={onRemove}>
            remove
          </button>
        )}
      </div>
      <div className="step-grid">
        <TaskInput
          value={step.task}
          onChange={(task) => onChange({ ...step, task })}
          error={errors[`${at}task`]}
          name={`${at}task`}
          queue={step.queue || queue}
        />
        <QueueInput
          value={step.queue}
          onChange={(q) => onChange({ ...step, queue: q })}
          error={errors[`${at}queue`]}
          name={`${at}queue`}
          label="Queue (optional)"
          placeholder={queue || 'same as the flow'}
        />
      </div>
      <ArgsField
        value={step.argsJson}
        onChange={(argsJson) => onChange({ ...step, argsJson })}
        error={errors[`${at}argsJson`]}
        name={`${at}argsJson`}
        task={step.task}
        height="70px"
      />
    </div>
  );
}

/** The steps of a chain, group or chord (and the chord's callback). */
export function FlowSteps({
  kind,
  steps,
  callback,
  queue,
  errors,
  onChange,
}: {
  kind: Exclude<FlowKind, 'single'>;
  steps: StepForm[];
  callback: StepForm;
  queue: string;
  errors: FieldErrors;
  onChange(patch: { steps?: StepForm[]; callback?: StepForm }): void;
}): React.JSX.Element {
  const replace = (i: number, s: StepForm): void =>
    onChange({ steps: steps.map((x, j) => (j === i ? s : x)) });
  return (
    <div className="flow-steps">
      <p className="muted">{HELP[kind]}</p>
      {steps.map((s, i) => (
        <StepEditor
          key={i}
          step={s}
          at={`steps.${i}.`}
          title={`Step ${i + 1}`}
          queue={queue}
          errors={errors}
          onChange={(next) => replace(i, next)}
          onRemove={steps.length > 1 ? () => onChange({ steps: steps.filter((_, j) => j !== i) }) : undefined}
        />
      ))}
      {errors.steps && <span className="field-error">{errors.steps}</span>}
      <button
        type="button"
        onClick={() => onChange({ steps: [...steps, emptyStep()] })}
        data-testid="add-step"
      >
        + Add step
      </button>
      {kind === 'chord' && (
        <StepEditor
          step={callback}
          at="callback."
          title="Callback"
          queue={queue}
          errors={errors}
          onChange={(c) => onChange({ callback: c })}
        />
      )}
    </div>
  );
}
