/** A connection form's text input under its label, with the field's error (if any) below it. */
export function LabeledInput({
  label,
  error,
  ...input
}: { label: string; error?: string } & React.InputHTMLAttributes<HTMLInputElement>): React.JSX.Element {
  return (
    <label>
      {label}
      <input {...input} />
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}
