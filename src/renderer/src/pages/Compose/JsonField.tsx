import { JsonEditor } from '../../components/JsonEditor/JsonEditor';

/** A labelled JSON editor with its error below (a schedule's args or kwargs, a scheduler's data). */
export function JsonField(p: {
  label: string;
  /** The editor's accessible name. */
  editorLabel: string;
  value: string;
  onChange(text: string): void;
  error?: string;
  testId: string;
}): React.JSX.Element {
  return (
    <div className="field">
      <span className="field-label">{p.label}</span>
      <JsonEditor
        value={p.value}
        onChange={p.onChange}
        label={p.editorLabel}
        invalid={Boolean(p.error)}
        height="60px"
        testId={p.testId}
      />
      {p.error && <span className="field-error">{p.error}</span>}
    </div>
  );
}
