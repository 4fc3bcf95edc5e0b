import { useState } from 'react';
import type { FieldValue, KeyDetails } from '../../../../shared/contract';
import { api } from '../../api';
import { useKeyDetail } from '../../stores/keys-detail';
import { ValueEditor } from '../ValueViewer/ValueEditor';
import { ItemViewer, useNamespace } from './ItemViewer';
import { BullJobPanel } from './BullJobPanel';
import { EntryTable, preview } from './EntryTable';
import { InsideBar, useFootTotal } from './InsideBar';
import { useLoadAll, useRows } from './LoadAllFoot';
import { useSelected } from './use-selected';
import { refOf } from './key-ref';

type HashValue = Extract<KeyDetails['value'], { kind: 'hash' }>;

export function HashEditor({ details, value }: { details: KeyDetails; value: HashValue }): React.JSX.Element {
  const { edit, loadMore } = useKeyDetail();
  const all = useLoadAll();
  const { rows, pages } = useRows(value.entries, details);
  const total = useFootTotal(details, rows.length);
  const [selected, setSelected] = useState<string | null>(null);
  const [fieldName, setFieldName] = useState('');
  const ref = refOf(details);
  const namespace = useNamespace(details);
  const entry = useSelected(rows, 'field', selected, pages);
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
        items={rows}
        rowOf={(e) => ({
          id: e.field,
          cells: [preview(e.field, e.fieldEncoding), preview(e.value, e.valueEncoding)],
        })}
        selected={selected}
        onSelect={(id) => {
          setSelected(id);
          setFieldName(id);
        }}
        more={details.nextCursor !== null}
        onMore={() => void loadMore()}
        total={total}
        pages={pages}
        loadAll={all}
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
