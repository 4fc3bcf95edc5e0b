import { useEffect, useState } from 'react';
import type { KeyRef } from '../../../../shared/contract';
import { errorMessage } from '../../api';
import {
  readSegment,
  saveSegment,
  SEGMENT_BYTES,
  segmentValue,
  type Segment,
} from '../../stores/big-segment';
import { ValueEditor } from '../ValueViewer/ValueEditor';
import { formatBytes } from '../../format/size';

/**
 * Edits a big string one segment at a time: the page never holds an editor over the whole value, and a
 * save sends and splices only that segment.
 */
export function SegmentEditor(p: {
  keyRef: KeyRef;
  keyName: string;
  length: number;
  startAt: number;
  onSave(run: () => Promise<unknown>): void;
}): React.JSX.Element {
  const [index, setIndex] = useState(() => Math.floor(p.startAt / SEGMENT_BYTES));
  const [segment, setSegment] = useState<Segment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { keyRef, length } = p;
  useEffect(() => {
    let live = true;
    readSegment(keyRef, index, length).then(
      (s) => live && setSegment(s),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [keyRef, index, length]);
  return (
    <div className="segment-editor" data-testid="segment-editor">
      <p className="muted">
        Values over 128 KiB are edited {formatBytes(SEGMENT_BYTES)} at a time; saving replaces just this
        segment in Redis. To replace the whole value, save it to a file and write it back with{' '}
        <code>redis-cli -x SET {p.keyName} &lt; file</code>.
      </p>
      {segment && (
        <div className="segment-nav">
          <button disabled={segment.index === 0} onClick={() => setIndex(segment.index - 1)}>
            Previous
          </button>
          <span data-testid="segment-where">
            Segment {segment.index + 1} of {segment.count}: bytes {segment.start.toLocaleString()}–
            {segment.end.toLocaleString()}
          </span>
          <button disabled={segment.index >= segment.count - 1} onClick={() => setIndex(segment.index + 1)}>
            Next
          </button>
        </div>
      )}
      {error && <div className="notice error">{error}</div>}
      {segment && (
        <ValueEditor
          key={`${segment.index}:${segment.start}`}
          initial={segmentValue(segment)}
          rows={16}
          saveLabel="Save segment"
          testId="segment-edit"
          onSave={(v) => p.onSave(() => saveSegment(keyRef, segment, v))}
        />
      )}
    </div>
  );
}
