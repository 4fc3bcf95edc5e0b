import { useEffect, useMemo, useState } from 'react';
import { useConsole } from '../../stores/console';
import { applyCompletion, complete } from './console-complete';

/** The command box: Enter runs (Shift+Enter adds a line), Tab completes, ↑/↓ walk the history. */
export function ConsoleInput(): React.JSX.Element {
  const { docs, history, run, loadDocs } = useConsole();
  const [text, setText] = useState('');
  const [historyAt, setHistoryAt] = useState(-1);
  useEffect(() => void loadDocs(), [loadDocs]);
  const lines = text.split('\n');
  const current = lines[lines.length - 1] ?? '';
  const c = useMemo(() => complete(current, docs), [current, docs]);
  const setCurrent = (line: string): void => setText([...lines.slice(0, -1), line].join('\n'));
  const submit = (): void => {
    if (!text.trim()) return;
    void run(text);
    setText('');
    setHistoryAt(-1);
  };
  const onKey = (e: React.KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Tab' && c.suggestions.length) {
      e.preventDefault();
      setCurrent(applyCompletion(current, c, c.suggestions[0]!));
    } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && lines.length === 1) {
      const next = e.key === 'ArrowUp' ? Math.min(historyAt + 1, history.length - 1) : historyAt - 1;
      if (next < -1 || (e.key === 'ArrowUp' && history.length === 0)) return;
      e.preventDefault();
      setHistoryAt(next);
      setText(next < 0 ? '' : history[next]!.line);
    }
  };
  return (
    <div className="console-input">
      <div className="console-hint" data-testid="console-hint">
        {c.doc ? (
          <>
            <span className="mono">
              <strong>{c.doc.name}</strong> {c.doc.syntax}
            </span>
            <span className="muted"> — {c.doc.summary}</span>
            {c.doc.since && <span className="muted"> (since {c.doc.since})</span>}
          </>
        ) : (
          <span className="muted">Enter runs · Shift+Enter adds a line · Tab completes · ↑ history</span>
        )}
      </div>
      {c.suggestions.length > 0 && (
        <div className="console-suggestions" data-testid="console-suggestions">
          {c.suggestions.map((s) => (
            <button key={s} className="chip mono" onClick={() => setCurrent(applyCompletion(current, c, s))}>
              {s}
            </button>
          ))}
        </div>
      )}
      <div className="row console-input-row">
        <textarea
          className="mono"
          rows={Math.min(6, lines.length)}
          value={text}
          spellCheck={false}
          placeholder="Type a command, e.g. INFO memory"
          aria-label="Redis command"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
          data-testid="console-input"
        />
        <button className="primary" onClick={submit} data-testid="console-run">
          Run
        </button>
      </div>
    </div>
  );
}
