/**
 * The bottom of a connection form: Test and Connect (the form's submit), then a name and Save, then what the
 * last action gave. Test ids are `<prefix>-test`, `-connect`, `-save-name`, `-save`, `-outcome`.
 */
export function FormActions(p: {
  prefix: string;
  busy: boolean;
  onTest(): void;
  onSave(): void;
  name: string;
  onName(e: React.ChangeEvent<HTMLInputElement>): void;
  namePlaceholder: string;
  nameError?: string;
  outcome: { ok: boolean; text: string } | null;
}): React.JSX.Element {
  return (
    <>
      <div className="row">
        <button type="button" disabled={p.busy} onClick={p.onTest} data-testid={`${p.prefix}-test`}>
          Test connection
        </button>
        <button type="submit" className="primary" disabled={p.busy} data-testid={`${p.prefix}-connect`}>
          Connect
        </button>
      </div>
      <div className="row">
        <input
          value={p.name}
          onChange={p.onName}
          placeholder={p.namePlaceholder}
          aria-label="Connection name"
          data-testid={`${p.prefix}-save-name`}
        />
        <button type="button" disabled={p.busy} onClick={p.onSave} data-testid={`${p.prefix}-save`}>
          Save
        </button>
      </div>
      {p.nameError && <span className="field-error">{p.nameError}</span>}
      {p.outcome && (
        <p
          className={p.outcome.ok ? 'ok-text' : 'error-text'}
          role="status"
          data-testid={`${p.prefix}-outcome`}
        >
          {p.outcome.text}
        </p>
      )}
    </>
  );
}
