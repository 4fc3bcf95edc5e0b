import { useMemo, useState } from 'react';
import type { WireBytes } from './bytes';
import { jobHref } from '../../stores/queues-route';
import type { CeleryMessage } from './celery';
import { autoMode, formatValue, type ViewMode } from './format';
import './ValueViewer.css';

const MODES: ViewMode[] = ['text', 'json', 'hex'];

export function ModeSwitch(p: {
  mode: ViewMode;
  onChange(m: ViewMode): void;
  modes?: ViewMode[];
}): React.JSX.Element {
  return (
    <div className="vv-modes" role="group" aria-label="View as">
      {(p.modes ?? MODES).map((m) => (
        <button
          key={m}
          className={m === p.mode ? 'on' : ''}
          aria-pressed={m === p.mode}
          onClick={() => p.onChange(m)}
        >
          {m === 'json' ? 'JSON' : m === 'hex' ? 'Hex' : 'Text'}
        </button>
      ))}
    </div>
  );
}

function CeleryPanel({ msg }: { msg: CeleryMessage }): React.JSX.Element {
  return (
    <div className="decoded" data-testid="celery-decoded">
      <div className="decoded-title">
        Celery message · <b>{msg.task}</b> <span className="muted mono">{msg.id}</span>
        {msg.queue && msg.id && (
          <>
            {' '}
            ·{' '}
            <a href={jobHref(msg.queue, msg.id, 'celery')} data-testid="celery-open-task">
              open the task in {msg.queue}
            </a>
          </>
        )}
      </div>
      <dl>
        <dt>args</dt>
        <dd className="mono">{JSON.stringify(msg.args)}</dd>
        <dt>kwargs</dt>
        <dd className="mono">{JSON.stringify(msg.kwargs)}</dd>
        <dt>headers</dt>
        <dd className="mono">{JSON.stringify(msg.headers)}</dd>
      </dl>
    </div>
  );
}

/** Shows bytes as text, pretty JSON or hex, chosen automatically, with a switch; decodes Celery messages. */
export function ValueViewer({ value }: { value: WireBytes }): React.JSX.Element {
  const [mode, setMode] = useState<ViewMode>(() => autoMode(value));
  const shown = useMemo(() => formatValue(value, mode), [value, mode]);
  return (
    <div className="value-viewer">
      <ModeSwitch mode={mode} onChange={setMode} />
      {shown.celery && <CeleryPanel msg={shown.celery} />}
      <pre className="vv-pre mono" data-testid="value-view" data-mode={shown.mode}>
        {shown.text}
      </pre>
    </div>
  );
}
