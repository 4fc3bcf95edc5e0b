import { useEffect, useState } from 'react';

/** A server setting edited in place: a small input with Save, showing the value the server has. */
export function SettingInput({
  name,
  value,
  onSave,
  width = 90,
}: {
  name: string;
  value: string;
  onSave(value: string): void;
  width?: number;
}): React.JSX.Element {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <form
      className="row setting-input"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft.trim());
      }}
    >
      <input
        aria-label={name}
        value={draft}
        style={{ width }}
        onChange={(e) => setDraft(e.target.value)}
        data-testid={`setting-${name}`}
      />
      <button type="submit" disabled={draft.trim() === value} data-testid={`setting-save-${name}`}>
        Set
      </button>
    </form>
  );
}
