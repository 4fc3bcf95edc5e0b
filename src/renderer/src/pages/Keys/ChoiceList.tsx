/** A column of radio buttons: one choice out of a few, each with an optional hint. */
export function ChoiceList<T extends string>(p: {
  name: string;
  options: ReadonlyArray<{ id: T; label: string; hint?: string }>;
  value: T;
  onChange(value: T): void;
  disabled?: boolean;
  testIdPrefix: string;
}): React.JSX.Element {
  return (
    <fieldset className="choice-list" disabled={p.disabled}>
      {p.options.map((o) => (
        <label key={o.id} className="check">
          <input
            type="radio"
            name={p.name}
            checked={p.value === o.id}
            onChange={() => p.onChange(o.id)}
            data-testid={`${p.testIdPrefix}${o.id}`}
          />
          <span>
            {o.label} {o.hint && <span className="muted">— {o.hint}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
