import { useState } from 'react';
import type { KeyDetails } from '../../../../shared/contract';
import { api } from '../../api';
import { EntryTable, preview } from './EntryTable';
import { InsideBar } from './InsideBar';
import { StreamEntryFields } from './StreamEntryFields';
import { useEntryEditor } from './use-entry-editor';

type StreamValue = Extract<KeyDetails['value'], { kind: 'stream' }>;

/** "field=value" per line → XADD fields. */
function parseFields(text: string): Array<{ field: string; value: string }> {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.indexOf('=');
      return i < 0 ? { field: l, value: '' } : { field: l.slice(0, i), value: l.slice(i + 1) };
    });
}

export function StreamEditor({
  details,
  value,
}: {
  details: KeyDetails;
  value: StreamValue;
}): React.JSX.Element {
  const editor = useEntryEditor(details, value.entries, 'id');
  const { edit, ref, namespace, rows, selected, setSelected, chosen: entry, table } = editor;
  const [text, setText] = useState('');
  return (
    <div className="type-editor">
      <div className="inline-form">
        <textarea
          className="mono"
          rows={2}
          value={text}
          placeholder={'field=value\nother=value'}
          onChange={(e) => setText(e.target.value)}
          aria-label="New entry fields"
        />
        <button
          onClick={() => {
            const fields = parseFields(text);
            if (fields.length) void edit('entry added', () => api.call('keys.streamAdd', { ...ref, fields }));
          }}
        >
          Add entry
        </button>
        {selected && (
          <button
            className="danger"
            onClick={() =>
              void edit('entry deleted', () =>
                api.call('keys.streamDelete', { ...ref, ids: [selected] }),
              ).then(() => setSelected(null))
            }
          >
            Delete {selected}
          </button>
        )}
      </div>
      <InsideBar details={details} loaded={rows.length} onStart={() => setSelected(null)} />
      <EntryTable
        head={['ID', 'Fields']}
        rowOf={(e) => ({
          id: e.id,
          cells: [
            e.id,
            e.fields
              .map((f) => `${preview(f.field, f.fieldEncoding)}=${preview(f.value, f.valueEncoding)}`)
              .join('  '),
          ],
        })}
        onSelect={setSelected}
        {...table}
      />
      {entry && <StreamEntryFields entry={entry} namespace={namespace} />}
      {value.groups.length > 0 && (
        <table className="entry-table groups" data-testid="stream-groups">
          <thead>
            <tr>
              <th>Consumer group</th>
              <th>Consumers</th>
              <th>Pending</th>
              <th>Last delivered</th>
              <th>Lag</th>
            </tr>
          </thead>
          <tbody>
            {value.groups.map((g) => (
              <tr key={g.name}>
                <td className="mono">{g.name}</td>
                <td>{g.consumers}</td>
                <td>{g.pending}</td>
                <td className="mono">{g.lastDeliveredId}</td>
                <td>{g.lag ?? '?'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
