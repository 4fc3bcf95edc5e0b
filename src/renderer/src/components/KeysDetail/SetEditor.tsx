import { useState } from 'react';
import type { KeyDetails } from '../../../../shared/contract';
import { api } from '../../api';
import { useKeyDetail } from '../../stores/keys-detail';
import { ValueViewer } from '../ValueViewer/ValueViewer';
import { useNamespace } from './ItemViewer';
import { EntryTable, preview } from './EntryTable';
import { InsideBar, useFootTotal } from './InsideBar';
import { useLoadAll, useRows } from './LoadAllFoot';
import { useSelected } from './use-selected';
import { refOf } from './key-ref';

type SetValue = Extract<KeyDetails['value'], { kind: 'set' }>;

export function SetEditor({ details, value }: { details: KeyDetails; value: SetValue }): React.JSX.Element {
  const { edit, loadMore } = useKeyDetail();
  const all = useLoadAll();
  const { rows, pages } = useRows(value.members, details);
  const total = useFootTotal(details, rows.length);
  const [selected, setSelected] = useState<string | null>(null);
  const [text, setText] = useState('');
  const ref = refOf(details);
  const namespace = useNamespace(details);
  const member = useSelected(rows, 'value', selected, pages);
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
        items={rows}
        rowOf={(m) => ({ id: m.value, cells: [preview(m.value, m.valueEncoding)] })}
        selected={selected}
        onSelect={setSelected}
        more={details.nextCursor !== null}
        onMore={() => void loadMore()}
        total={total}
        pages={pages}
        loadAll={all}
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
