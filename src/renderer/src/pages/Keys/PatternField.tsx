/** The SCAN MATCH pattern of a dialog that acts on many keys. */
export function PatternField(p: {
  value: string;
  disabled: boolean;
  onChange(value: string): void;
  testId: string;
}): React.JSX.Element {
  return (
    <label className="form-grid">
      Pattern (SCAN MATCH syntax: * ? [abc])
      <input
        className="mono"
        value={p.value}
        disabled={p.disabled}
        onChange={(e) => p.onChange(e.target.value)}
        data-testid={p.testId}
      />
    </label>
  );
}
