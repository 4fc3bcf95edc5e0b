import { useState } from 'react';
import type { KeyDetails } from '../../../../shared/contract';
import { api } from '../../api';
import { EntryTable, preview } from './EntryTable';
import { InsideBar } from './InsideBar';
import { findRow } from '../../stores/packed-list';
import { useEntryEditor } from './use-entry-editor';
import { ItemViewer } from './ItemViewer';

type ZsetValue = Extract<KeyDetails['value'], { kind: 'zset' }>;

export function ZsetEditor({ details, value }: { details: KeyDetails; value: ZsetValue }): React.JSX.Element {
  const editor = useEntryEditor(details, value.members, 'member');
  const { edit, ref, namespace, rows, setSelected, chosen: current, table } = editor;
  const [member, setMember] = useState('');
  const [score, setScore] = useState('0');
  const add = (): void => {
    const s = Number(score);
    if (!Number.isFinite(s) || !member) return;
    const enc =
      current && current.member === member && current.memberEncoding
        ? { memberEncoding: current.memberEncoding }
        : {};
    void edit('member saved', () => api.call('keys.zsetAdd', { ...ref, member, ...enc, score: s }));
  };
  return (
    <div className="type-editor">
      <div className="inline-form">
        <input
          value={member}
          placeholder="member"
          onChange={(e) => setMember(e.target.value)}
          aria-label="Member"
        />
        <input
          value={score}
          type="number"
          step="any"
          onChange={(e) => setScore(e.target.value)}
          aria-label="Score"
          className="score"
        />
        <button onClick={add}>{current && current.member === member ? 'Set score' : 'Add member'}</button>
        {current && (
          <button
            className="danger"
            onClick={() =>
              void edit('member removed', () =>
                api.call('keys.zsetRemove', {
                  ...ref,
                  members: [{ value: current.member, valueEncoding: current.memberEncoding }],
                }),
              ).then(() => setSelected(null))
            }
          >
            Remove
          </button>
        )}
      </div>
      <InsideBar details={details} loaded={rows.length} onStart={() => setSelected(null)} />
      <EntryTable
        head={['Member', 'Score']}
        rowOf={(m) => ({
          id: m.member,
          cells: [preview(m.member, m.memberEncoding), m.score],
        })}
        onSelect={(id) => {
          setSelected(id);
          const m = findRow(rows, 'member', id);
          if (m) {
            setMember(m.member);
            setScore(String(m.score));
          }
        }}
        {...table}
      />
      {current && (
        <ItemViewer
          value={{
            value: current.member,
            ...(current.memberEncoding ? { valueEncoding: current.memberEncoding } : {}),
          }}
          namespace={namespace}
        />
      )}
    </div>
  );
}
