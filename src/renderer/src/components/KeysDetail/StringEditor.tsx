import { useState } from 'react';
import type { KeyDetails } from '../../../../shared/contract';
import { api } from '../../api';
import { useKeyDetail } from '../../stores/keys-detail';
import { formatBytes } from '../../format/size';
import { BigString } from '../BigString/BigString';
import { ValueEditor } from '../ValueViewer/ValueEditor';
import { ValueViewer } from '../ValueViewer/ValueViewer';
import { useNamespace } from './ItemViewer';
import { refOf } from './key-ref';

type StringValue = Extract<KeyDetails['value'], { kind: 'string' }>;

export function StringEditor({
  details,
  value,
}: {
  details: KeyDetails;
  value: StringValue;
}): React.JSX.Element {
  const { edit } = useKeyDetail();
  const [editing, setEditing] = useState(false);
  const ref = refOf(details);
  const namespace = useNamespace(details);
  // Only strings over the small limit come truncated: those are read, shown and edited in parts.
  if (value.truncated) return <BigString details={details} />;
  return (
    <div className="type-editor">
      <div className="row-actions left">
        <span className="muted">{formatBytes(value.length)}</span>
        <button onClick={() => setEditing(!editing)} data-testid="string-edit">
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
        <ValueViewer key={value.value} value={value} namespace={namespace} />
      )}
    </div>
  );
}
