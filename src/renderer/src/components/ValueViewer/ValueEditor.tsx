import { useState } from 'react';
import { fromBytes, fromHex, toBytes, toHex, type WireBytes } from './bytes';
import { ModeSwitch } from './ValueViewer';
import './ValueViewer.css';

type EditMode = 'text' | 'hex';

/** Edits bytes as text or as hex; binary values open in hex so they round-trip exactly. */
export function ValueEditor(p: {
  initial: WireBytes;
  onSave(v: WireBytes): void;
  saveLabel?: string;
  rows?: number;
  testId?: string;
}): React.JSX.Element {
  const [mode, setMode] = useState<EditMode>(p.initial.valueEncoding ? 'hex' : 'text');
  const [text, setText] = useState(() => (mode === 'hex' ? toHex(toBytes(p.initial)) : p.initial.value));
  const [error, setError] = useState<string | null>(null);
  const current = (): WireBytes | null => {
    if (mode === 'text') return { value: text };
    const bytes = fromHex(text);
    return bytes ? fromBytes(bytes) : null;
  };
  const switchTo = (m: EditMode): void => {
    const v = current();
    if (!v) return setError('not valid hex');
    setError(null);
    setText(m === 'hex' ? toHex(toBytes(v)) : new TextDecoder().decode(toBytes(v)));
    setMode(m);
  };
  return (
    <div className="value-editor">
      <ModeSwitch mode={mode} modes={['text', 'hex']} onChange={(m) => switchTo(m as EditMode)} />
      <textarea
        className="mono"
        rows={p.rows ?? 8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        spellCheck={false}
        data-testid={p.testId ?? 'value-edit'}
      />
      <div className="row-actions">
        {error && <span className="error-text">{error}</span>}
        <button
          className="primary"
          onClick={() => {
            const v = current();
            if (!v) return setError('not valid hex');
            setError(null);
            p.onSave(v);
          }}
        >
          {p.saveLabel ?? 'Save'}
        </button>
      </div>
    </div>
  );
}
