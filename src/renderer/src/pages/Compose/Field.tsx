/** A labelled form field with its inline error underneath. */
export function Field({
  label,
  error,
  children,
  name,
  hint,
}: {
  label: string;
  error?: string;
  children: React.ReactNode;
  /** Used for the error's test id: `error-<name>`. */
  name: string;
  hint?: string;
}): React.JSX.Element {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint && !error && <span className="field-hint muted">{hint}</span>}
      {error && (
        <span className="field-error" data-testid={`error-${name}`} role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
