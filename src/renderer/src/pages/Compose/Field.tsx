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

/** A Field holding one text input, marked invalid while it has an error; `testId` names it (`name` unless told). */
export function TextField({
  label,
  name,
  testId,
  error,
  hint,
  onChange,
  ...input
}: {
  label: string;
  name: string;
  testId?: string;
  error?: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange'>): React.JSX.Element {
  return (
    <Field label={label} error={error} name={name} hint={hint}>
      <input
        {...input}
        onChange={(e) => onChange(e.target.value)}
        className={error ? 'invalid' : ''}
        data-testid={testId ?? name}
      />
    </Field>
  );
}

/** A Field holding a select of fixed choices (value → label, in order); `testId` names it (`name` unless told). */
export function SelectField<V extends string>(p: {
  label: string;
  name: string;
  testId?: string;
  value: V;
  choices: Partial<Record<V, string>>;
  onChange(value: V): void;
}): React.JSX.Element {
  return (
    <Field label={p.label} name={p.name}>
      <select
        value={p.value}
        onChange={(e) => p.onChange(e.target.value as V)}
        data-testid={p.testId ?? p.name}
      >
        {(Object.entries(p.choices) as Array<[V, string]>).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </Field>
  );
}
