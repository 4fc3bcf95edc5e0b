import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/contract';
import { useKeyExport } from '../../stores/key-export';
import { useKeys } from '../../stores/keys';
import { ChoiceList } from './ChoiceList';
import { Dialog } from './Dialog';
import { PatternField } from './PatternField';
import { formatBytes } from '../../format/size';

const FORMATS: Array<{ id: ExportFormat; label: string; hint: string }> = [
  { id: 'jsonl', label: 'Readable JSON lines', hint: 'one key a line, its value as JSON (binary as base64)' },
  { id: 'dump', label: 'DUMP payloads', hint: 'Redis’ own serialization: exact for every type' },
];

function Outcome(): React.JSX.Element | null {
  const { result, error } = useKeyExport();
  if (error) return <div className="error-text">{error}</div>;
  if (!result) return null;
  if (result.status === 'cancelled') return <p className="muted">No file chosen: nothing was exported.</p>;
  if (result.status === 'stopped')
    return (
      <p data-testid="export-done">Stopped after {result.keys.toLocaleString()} keys; no file was kept.</p>
    );
  return (
    <p data-testid="export-done">
      Exported {result.keys.toLocaleString()} keys ({formatBytes(result.bytes)})
      {result.path ? (
        <>
          {' '}
          to <code>{result.path}</code>
        </>
      ) : (
        <>
          : downloading <code>{result.fileName}</code>
        </>
      )}
      .
    </p>
  );
}

/** Export the keys of a pattern with their TTLs, in either format, with progress and Stop. */
export function ExportKeysDialog({ onClose }: { onClose(): void }): React.JSX.Element {
  const [match, setMatch] = useState(useKeys.getState().match || '*');
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const { running, keys, bytes, progress, result, start, stop, reset } = useKeyExport();
  const close = (): void => {
    if (!running) reset();
    onClose();
  };
  return (
    <Dialog title="Export keys" onClose={close} testId="export-dialog">
      <PatternField value={match} disabled={running} onChange={setMatch} testId="export-pattern" />
      <ChoiceList<ExportFormat>
        name="export-format"
        options={FORMATS}
        value={format}
        onChange={setFormat}
        disabled={running}
        testIdPrefix="export-format-"
      />
      {running && (
        <div data-testid="export-progress">
          <progress max={100} value={Math.round(progress * 100)} />
          <span className="muted">
            {' '}
            {keys.toLocaleString()} keys · {formatBytes(bytes)}
          </span>
        </div>
      )}
      <Outcome />
      <div className="row-actions">
        <button onClick={close}>{result ? 'Close' : 'Cancel'}</button>
        {running ? (
          <button onClick={() => void stop()} data-testid="export-stop">
            Stop
          </button>
        ) : (
          <button
            className="primary"
            disabled={!match}
            onClick={() => void start(match, format)}
            data-testid="export-start"
          >
            Export
          </button>
        )}
      </div>
    </Dialog>
  );
}
