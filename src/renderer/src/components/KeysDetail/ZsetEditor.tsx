import { useState } from 'react';
import type { KeyDetails } from '../../../../shared/contract';
import { api } from '../../api';
import { useKeyDetail } from '../../stores/keys-detail';
import { EntryTable, preview } from './EntryTable';
import { InsideBar, useFootTotal } from './InsideBar';
import { useLoadAll, useRows } from './LoadAllFoot';
import { findRow } from '../../stores/packed-list';
import { useSelected } from './use-selected';
import { ItemViewer, useNamespace } from './ItemViewer';
import { refOf } from './key-ref';

type ZsetValue = Extract<KeyDetails['value'], { kind: 'zset' }>;

export function ZsetEditor({ details, value }: { details: KeyDetails; value: ZsetValue }): React.JSX.Element {
  const { edit, loadMore } = useKeyDetail();
  const all = useLoadAll();
  const { rows, pages } = useRows(value.members, details);
  const total = useFootTotal(details, rows.length);
  const [selected, setSelected] = useState<string | null>(null);
  const [member, setMember] = useState('');
  const [score, setScore] = useState('0');
  const ref = refOf(details);
  const namespace = useNamespace(details);
  const current = useSelected(rows, 'member', selected, pages);
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
        items={rows}
        rowOf={(m) => ({
          id: m.member,
          cells: [preview(m.member, m.memberEncoding), m.score],
        })}
        selected={selected}
        onSelect={(id) => {
          setSelected(id);
          const m = findRow(rows, 'member', id);
          if (m) {
            setMember(m.member);
            setScore(String(m.score));
          }
        }}
        more={details.nextCursor !== null}
        onMore={() => void loadMore()}
        total={total}
        pages={pages}
        loadAll={all}
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
