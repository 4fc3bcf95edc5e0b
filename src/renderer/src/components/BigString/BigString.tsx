import { useEffect, useState } from 'react';
import type { KeyDetails } from '../../../../shared/contract';
import { formatBytes } from '../../format/size';
import { useBigString } from '../../stores/big-string';
import { useKeyDetail } from '../../stores/keys-detail';
import { refOf } from '../KeysDetail/key-ref';
import { displayText } from '../ValueViewer/bytes';
import { ModeSwitch } from '../ValueViewer/ValueViewer';
import { BigStringView } from './BigStringView';
import { SegmentEditor } from './SegmentEditor';

/** A string too big for the plain viewer: read in slices, laid out in a worker, shown and edited in parts. */
export function BigString({ details }: { details: KeyDetails }): React.JSX.Element {
  const big = useBigString();
  const { edit } = useKeyDetail();
  const [editing, setEditing] = useState(false);
  const { open } = big;
  useEffect(() => {
    void open(refOf(details), details.size);
  }, [details, open]);
  const complete = big.shown >= big.length;
  return (
    <div className="type-editor">
      <div className="row-actions left">
        <span className="muted" data-testid="big-loaded">
          {complete
            ? `all ${formatBytes(big.length)} loaded`
            : `showing the first ${formatBytes(big.shown)} of ${formatBytes(big.length)}`}
        </span>
        {!complete && !big.loadingAll && (
          <button onClick={() => void big.loadAll()} data-testid="big-load-all">
            Load all
          </button>
        )}
        {big.loadingAll && (
          <span className="big-progress">
            <progress max={big.length} value={big.loaded} aria-label="Loading the value" />
            <button onClick={big.stop}>Stop</button>
          </span>
        )}
        <button onClick={() => setEditing(!editing)} data-testid="string-edit">
          {editing ? 'Close editor' : 'Edit'}
        </button>
      </div>
      {big.error && <div className="notice error">{big.error}</div>}
      {editing && (
        <SegmentEditor
          keyRef={refOf(details)}
          keyName={displayText(details.key, details.keyEncoding)}
          length={details.size}
          startAt={Math.floor(big.scrolled * big.shown)}
          onSave={(run) => void edit('segment saved', run)}
        />
      )}
      {big.layout ? (
        <div className="value-viewer">
          <ModeSwitch mode={big.layout.mode} onChange={(m) => void big.setMode(m)} />
          <BigStringView layout={big.layout} version={big.rowsVersion} onScrolled={big.setScrolled} />
        </div>
      ) : (
        <div className="muted">Reading…</div>
      )}
    </div>
  );
}
