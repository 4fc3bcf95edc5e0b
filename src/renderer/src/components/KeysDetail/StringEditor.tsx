import { useState } from 'react';
import type { KeyDetails } from '../../../../shared/contract';
import { api } from '../../api';
import { useKeyDetail } from '../../stores/keys-detail';
import { toBytes } from '../ValueViewer/bytes';
import { ValueEditor } from '../ValueViewer/ValueEditor';
import { ValueViewer } from '../ValueViewer/ValueViewer';
import { refOf } from './key-ref';

type StringValue = Extract<KeyDetails['value'], { kind: 'string' }>;

function saveToFile(name: string, v: StringValue): void {
  const blob = new Blob([toBytes(v) as BlobPart], { type: 'application/octet-stream' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name.replace(/[^\w.-]+/g, '_') || 'value';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function StringEditor({
  details,
  value,
}: {
  details: KeyDetails;
  value: StringValue;
}): React.JSX.Element {
  const { edit, load } = useKeyDetail();
  const [editing, setEditing] = useState(false);
  const ref = refOf(details);
  return (
    <div className="type-editor">
      <div className="row-actions left">
        <span className="muted">{value.length.toLocaleString()} bytes</span>
        {value.truncated && (
          <>
            <span className="muted">showing the first {value.value.length.toLocaleString()}</span>
            <button onClick={() => void load(ref, { maxBytes: 0 })}>Load all</button>
          </>
        )}
        <button disabled={value.truncated} onClick={() => saveToFile(details.key, value)}>
          Save to file
        </button>
        <button disabled={value.truncated} onClick={() => setEditing(!editing)} data-testid="string-edit">
          {editing ? 'Cancel' : 'Edit'}
        </button>
      </div>
      {editing ? (
        <ValueEditor
          key={value.value}
          initial={value}
          rows={14}
          onSave={(v) =>
            void edit('saved', () => api.call('keys.setString', { ...ref, ...v })).then(
              (ok) => ok && setEditing(false),
            )
          }
        />
      ) : (
        <ValueViewer key={value.value} value={value} />
      )}
    </div>
  );
}
