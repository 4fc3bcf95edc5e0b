import { useState } from 'react';
import type { KeyDetails } from '../../../../shared/contract';
import { api } from '../../api';
import { ValueViewer } from '../ValueViewer/ValueViewer';
import { EntryTable, preview } from './EntryTable';
import { InsideBar } from './InsideBar';
import { useEntryEditor } from './use-entry-editor';

type SetValue = Extract<KeyDetails['value'], { kind: 'set' }>;

export function SetEditor({ details, value }: { details: KeyDetails; value: SetValue }): React.JSX.Element {
  const editor = useEntryEditor(details, value.members, 'value');
  const { edit, ref, namespace, rows, setSelected, chosen: member, table } = editor;
  const [text, setText] = useState('');
  return (
    <div className="type-editor">
      <div className="inline-form">
        <input
          value={text}
          placeholder="new member"
          onChange={(e) => setText(e.target.value)}
          aria-label="New member"
        />
        <button
          onClick={() =>
            void edit('member added', () => api.call('keys.setAdd', { ...ref, members: [{ value: text }] }))
          }
        >
          Add member
        </button>
      </div>
      <InsideBar details={details} loaded={rows.length} onStart={() => setSelected(null)} />
      <EntryTable
        head={['Member']}
        rowOf={(m) => ({ id: m.value, cells: [preview(m.value, m.valueEncoding)] })}
        onSelect={setSelected}
        {...table}
      />
      {member && (
        <div className="item-editor" key={member.value}>
          <ValueViewer value={member} namespace={namespace} />
          <button
            className="danger"
            onClick={() =>
              void edit('member removed', () =>
                api.call('keys.setRemove', { ...ref, members: [member] }),
              ).then(() => setSelected(null))
            }
          >
            Remove member
          </button>
        </div>
      )}
    </div>
  );
}
