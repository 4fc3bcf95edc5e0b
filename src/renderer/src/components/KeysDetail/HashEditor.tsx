import { useState } from 'react';
import type { FieldValue, KeyDetails } from '../../../../shared/contract';
import { api } from '../../api';
import { ValueEditor } from '../ValueViewer/ValueEditor';
import { ItemViewer } from './ItemViewer';
import { BullJobPanel } from './BullJobPanel';
import { EntryTable, preview } from './EntryTable';
import { InsideBar } from './InsideBar';
import { useEntryEditor } from './use-entry-editor';

type HashValue = Extract<KeyDetails['value'], { kind: 'hash' }>;

export function HashEditor({ details, value }: { details: KeyDetails; value: HashValue }): React.JSX.Element {
  const editor = useEntryEditor(details, value.entries, 'field');
  const { edit, ref, namespace, rows, selected, setSelected, chosen: entry, table } = editor;
  const [fieldName, setFieldName] = useState('');
  const isNew = selected === '';

  const save = (f: FieldValue | undefined, v: { value: string; valueEncoding?: 'base64' }): void => {
    const field = fieldName || f?.field || '';
    if (!field) return;
    const renamed =
      f && field !== f.field
        ? { oldField: f.field, ...(f.fieldEncoding ? { oldFieldEncoding: f.fieldEncoding } : {}) }
        : {};
    const enc = f && field === f.field && f.fieldEncoding ? { fieldEncoding: f.fieldEncoding } : {};
    void edit('field saved', () =>
      api.call('keys.hashSet', { ...ref, field, ...enc, ...renamed, ...v }),
    ).then((ok) => ok && setSelected(field));
  };

  return (
    <div className="type-editor">
      {value.bullJob && <BullJobPanel job={value.bullJob} />}
      <div className="row-actions left">
        <button
          onClick={() => {
            setSelected('');
            setFieldName('');
          }}
        >
          Add field
        </button>
      </div>
      <InsideBar details={details} loaded={rows.length} onStart={() => setSelected(null)} />
      <EntryTable
        head={['Field', 'Value']}
        rowOf={(e) => ({
          id: e.field,
          cells: [preview(e.field, e.fieldEncoding), preview(e.value, e.valueEncoding)],
        })}
        onSelect={(id) => {
          setSelected(id);
          setFieldName(id);
        }}
        {...table}
      />
      {(entry || isNew) && (
        <div className="item-editor" key={selected ?? ''}>
          <label>
            Field
            <input
              className="mono"
              value={fieldName}
              disabled={Boolean(entry?.fieldEncoding)}
              onChange={(e) => setFieldName(e.target.value)}
              data-testid="hash-field"
            />
          </label>
          {entry && <ItemViewer value={entry} namespace={namespace} />}
          <ValueEditor
            initial={entry ?? { value: '' }}
            rows={4}
            saveLabel={isNew ? 'Add' : 'Save field'}
            onSave={(v) => save(entry, v)}
          />
          {entry && (
            <button
              className="danger"
              onClick={() =>
                void edit('field removed', () =>
                  api.call('keys.hashDelete', {
                    ...ref,
                    fields: [{ value: entry.field, valueEncoding: entry.fieldEncoding }],
                  }),
                ).then(() => setSelected(null))
              }
            >
              Remove field
            </button>
          )}
        </div>
      )}
    </div>
  );
}
