import type { WireBytes } from './bytes';
import { CeleryPanel } from './CeleryPanel';
import type { ViewMode } from './format';
import { FORMAT_LABELS, FORMATS, type Format } from './formats/detect';
import { JsonTree } from './JsonTree';
import { useDecoded } from './use-decoded';
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

/** Auto plus every format; the one in use is pressed, and Auto too while it was detected. */
function FormatSwitch(p: {
  format: Format;
  auto: boolean;
  onChange(f: Format | null): void;
}): React.JSX.Element {
  return (
    <div className="vv-modes" role="group" aria-label="View as" data-testid="format-switch">
      <button
        className={p.auto ? 'on auto' : 'auto'}
        aria-pressed={p.auto}
        onClick={() => p.onChange(null)}
        title="Pick the format from the bytes"
      >
        Auto
      </button>
      {FORMATS.map((f) => (
        <button
          key={f}
          className={f === p.format ? 'on' : ''}
          aria-pressed={f === p.format}
          onClick={() => p.onChange(f)}
        >
          {FORMAT_LABELS[f]}
        </button>
      ))}
    </div>
  );
}

/**
 * Shows bytes as text, a JSON tree, MessagePack (as a tree), hex, base64, or decompressed gzip/zlib, chosen
 * from the bytes or by hand (remembered for the key's namespace when one is given); decodes Celery messages.
 */
export function ValueViewer({
  value,
  namespace,
}: {
  value: WireBytes;
  namespace?: string;
}): React.JSX.Element {
  const view = useDecoded(value, namespace);
  const d = view.decoded;
  const mode = d?.shown.as;
  return (
    <div className="value-viewer">
      <FormatSwitch format={view.format} auto={view.auto} onChange={view.choose} />
      {d?.error && (
        <div className="vv-error" data-testid="format-error">
          {d.error}; shown as {FORMAT_LABELS[d.format]}
        </div>
      )}
      {d?.note && (
        <div className="vv-note muted" data-testid="format-note">
          {FORMAT_LABELS[d.format]}: {d.note}
          {d.inner ? `, read as ${FORMAT_LABELS[d.inner]}` : ''}
        </div>
      )}
      {d?.celery && <CeleryPanel msg={d.celery} />}
      <pre
        className={`vv-pre mono${mode === 'json' ? ' vv-json' : ''}`}
        data-testid="value-view"
        data-mode={mode ?? 'loading'}
        data-format={d?.format}
      >
        {!d ? 'Decoding…' : d.shown.as === 'json' ? <JsonTree value={d.shown.value} /> : d.shown.text}
      </pre>
    </div>
  );
}
