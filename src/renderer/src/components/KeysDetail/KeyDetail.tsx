import { useEffect, useState } from 'react';
import type { KeyDetails, KeyRef } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { rowId, useKeys } from '../../stores/keys';
import { useKeyDetail } from '../../stores/keys-detail';
import { saveValue } from '../../stores/save-value';
import { TypeBadge } from '../KeysList/TypeBadge';
import { parseBytes } from '../../../../shared/bytes/escape';
import { formatSize } from '../../format/size';
import { displayText, fromBytes, toBytes, toHex } from '../ValueViewer/bytes';
import { HashEditor } from './HashEditor';
import { refOf } from './key-ref';
import { ListEditor } from './ListEditor';
import { SetEditor } from './SetEditor';
import { StreamEditor } from './StreamEditor';
import { StringEditor } from './StringEditor';
import { TtlControl } from './TtlControl';
import { ZsetEditor } from './ZsetEditor';
import './KeysDetail.css';

function Body({ details }: { details: KeyDetails }): React.JSX.Element {
  const v = details.value;
  switch (v.kind) {
    case 'string':
      return <StringEditor details={details} value={v} />;
    case 'hash':
      return <HashEditor details={details} value={v} />;
    case 'list':
      return <ListEditor details={details} value={v} />;
    case 'set':
      return <SetEditor details={details} value={v} />;
    case 'zset':
      return <ZsetEditor details={details} value={v} />;
    case 'stream':
      return <StreamEditor details={details} value={v} />;
    case 'raw':
      return (
        <div className="type-editor">
          <p className="muted">No reader for this type; its DUMP bytes:</p>
          <pre className="vv-pre mono">{toHex(toBytes({ value: v.dump, valueEncoding: 'base64' }))}</pre>
        </div>
      );
  }
}

function Header({ details }: { details: KeyDetails }): React.JSX.Element {
  const { edit, readAt } = useKeyDetail();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const ref = refOf(details);
  const shown = displayText(details.key, details.keyEncoding);
  const del = async (): Promise<void> => {
    await api.call('keys.delete', { keys: [ref] });
    useKeys.getState().remove([rowId(ref)]);
    useKeys.getState().open(null);
  };
  const save = (): void => {
    saveValue(ref).then(
      (text) => text && useKeyDetail.setState({ notice: { text, kind: 'ok' } }),
      (err: unknown) => useKeyDetail.setState({ notice: { text: errorMessage(err), kind: 'error' } }),
    );
  };
  // Typed as shown: plain text, or "…" with redis-cli escapes for any bytes.
  const rename = async (typed: string): Promise<void> => {
    const to = fromBytes(parseBytes(typed));
    const newRef = to.valueEncoding ? { key: to.value, keyEncoding: to.valueEncoding } : { key: to.value };
    await api.call('keys.rename', {
      ...ref,
      newKey: to.value,
      ...(to.valueEncoding ? { newKeyEncoding: to.valueEncoding } : {}),
    });
    useKeys.getState().remove([rowId(ref)]);
    useKeys.getState().upsert({ ...newRef, type: details.type, ttlMs: details.ttlMs });
    useKeys.getState().open(newRef);
  };
  return (
    <header className="detail-head">
      <div className="detail-title">
        {renaming === null ? (
          <h2 className="mono" data-testid="detail-key" title={shown}>
            {shown}
          </h2>
        ) : (
          <form
            className="inline-form grow"
            onSubmit={(e) => {
              e.preventDefault();
              if (renaming)
                void edit('renamed', () => rename(renaming)).then((ok) => ok && setRenaming(null));
            }}
          >
            <input
              className="mono grow"
              value={renaming}
              onChange={(e) => setRenaming(e.target.value)}
              aria-label="New name"
              title={'Plain text, or "…" with escapes: \\xff \\n \\t \\" \\\\'}
              data-testid="rename-input"
              autoFocus
            />
            <button type="submit" className="primary">
              Rename
            </button>
            <button type="button" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </form>
        )}
        <TypeBadge type={details.type} />
        <span className="muted" data-testid="detail-size" title={`${details.size.toLocaleString('en')}`}>
          {formatSize(details.type, details.size)}
        </span>
        <span className="spacer" />
        <button onClick={save} data-testid="save-to-file" title="Streams the whole value from Redis">
          Save to file
        </button>
        {renaming === null && (
          <button onClick={() => setRenaming(shown)} data-testid="rename-key">
            Rename
          </button>
        )}
        {confirm ? (
          <>
            <button
              className="danger"
              onClick={() => void edit('deleted', del)}
              data-testid="confirm-delete-key"
            >
              Confirm delete
            </button>
            <button onClick={() => setConfirm(false)}>Keep</button>
          </>
        ) : (
          <button className="danger" onClick={() => setConfirm(true)} data-testid="delete-key">
            Delete
          </button>
        )}
      </div>
      <TtlControl keyRef={ref} ttlMs={details.ttlMs} readAt={readAt} />
    </header>
  );
}

/** The right pane: the open key's value, its editor and its TTL. */
export function KeyDetail({ keyRef }: { keyRef: KeyRef | null }): React.JSX.Element {
  const { details, loading, error, notice, load } = useKeyDetail();
  useEffect(() => {
    void load(keyRef);
  }, [keyRef, load]);
  if (!keyRef) return <div className="detail empty muted">Select a key to see its value.</div>;
  return (
    <div className="detail" data-testid="key-detail">
      {details && <Header details={details} />}
      {notice && (
        <div className={`notice ${notice.kind}`} role="status" data-testid="detail-notice">
          {notice.text}
        </div>
      )}
      {error && (
        <div className="notice error" role="alert" data-testid="detail-error">
          {error}
        </div>
      )}
      {loading && !details && <div className="muted">Loading…</div>}
      {details && <Body details={details} />}
    </div>
  );
}
