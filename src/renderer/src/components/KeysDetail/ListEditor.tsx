import { useState } from 'react';
import type { KeyDetails } from '../../../../shared/contract';
import { api } from '../../api';
import { useKeyDetail } from '../../stores/keys-detail';
import { ValueEditor } from '../ValueViewer/ValueEditor';
import { ItemViewer } from './ItemViewer';
import { EntryTable, preview } from './EntryTable';
import { InsideBar } from './InsideBar';
import { useEntryEditor } from './use-entry-editor';
import { asField } from './key-ref';

type ListValue = Extract<KeyDetails['value'], { kind: 'list' }>;

export function ListEditor({ details, value }: { details: KeyDetails; value: ListValue }): React.JSX.Element {
  const editor = useEntryEditor(details, value.items, 'index');
  const { edit, ref, namespace, rows, setSelected, chosen: item, table } = editor;
  /** After a jump: the item at the index asked for, which the window starts with. */
  const firstIndex = (): string | null => {
    const v = useKeyDetail.getState().details?.value;
    return v?.kind === 'list' && v.items[0] ? String(v.items[0].index) : null;
  };
  return (
    <div className="type-editor">
      <PushForm
        onPush={(v, end) =>
          void edit(`pushed to ${end}`, () => api.call('keys.listPush', { ...ref, ...v, end }))
        }
      />
      <InsideBar
        details={details}
        loaded={rows.length}
        onStart={() => setSelected(null)}
        onDone={() => setSelected(firstIndex())}
      />
      <EntryTable
        head={['#', 'Value']}
        rowOf={(i) => ({
          id: String(i.index),
          cells: [i.index, preview(i.value, i.valueEncoding)],
        })}
        onSelect={setSelected}
        {...table}
      />
      {item && (
        <div className="item-editor" key={`${item.index}:${item.value}`}>
          <ItemViewer value={item} namespace={namespace} />
          <ValueEditor
            initial={item}
            rows={4}
            saveLabel="Save item"
            onSave={(v) =>
              void edit('item saved', () =>
                api.call('keys.listSet', { ...ref, index: item.index, ...asField('expected', item), ...v }),
              )
            }
          />
          <button
            className="danger"
            onClick={() =>
              void edit('item removed', () =>
                api.call('keys.listRemove', { ...ref, index: item.index, ...asField('expected', item) }),
              ).then(() => setSelected(null))
            }
          >
            Remove item
          </button>
        </div>
      )}
    </div>
  );
}

function PushForm({
  onPush,
}: {
  onPush(v: { value: string }, end: 'head' | 'tail'): void;
}): React.JSX.Element {
  const [text, setText] = useState('');
  return (
    <div className="inline-form">
      <input
        value={text}
        placeholder="new item"
        onChange={(e) => setText(e.target.value)}
        aria-label="New item"
      />
      <button onClick={() => onPush({ value: text }, 'head')}>Push head</button>
      <button onClick={() => onPush({ value: text }, 'tail')}>Push tail</button>
    </div>
  );
}
