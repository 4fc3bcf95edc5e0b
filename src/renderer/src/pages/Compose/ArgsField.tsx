import { JsonEditor } from '../../components/JsonEditor/JsonEditor';
import { useTasks } from '../../stores/compose-tasks';

/** The args editor, with the task's example one click away. */
export function ArgsField({
  value,
  onChange,
  error,
  name,
  task,
  height,
  label = 'Args (JSON)',
}: {
  value: string;
  onChange(v: string): void;
  error?: string;
  name: string;
  task: string;
  height?: string;
  /** "Args (JSON)" unless told (the Celery kwargs editor reuses this field). */
  label?: string;
}): React.JSX.Element {
  const info = useTasks((s) => s.list?.tasks.find((t) => t.name === task.trim()));
  return (
    <div className="field">
      <span className="field-label row-between">
        {label}
        {info?.example !== undefined && (
          <button
            type="button"
            className="link"
            onClick={() => onChange(JSON.stringify(info.example, null, 2))}
            data-testid={`example-${name}`}
          >
            use example
          </button>
        )}
      </span>
      <JsonEditor
        value={value}
        onChange={onChange}
        label={label}
        invalid={Boolean(error)}
        height={height}
        testId={`input-${name}`}
      />
      {error && (
        <span className="field-error" data-testid={`error-${name}`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
