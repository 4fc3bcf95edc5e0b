import { useState } from 'react';
import { REDIS_TYPES } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { rowRef, useKeys, type SortBy } from '../../stores/keys';
import { SORT_LIVE_MAX } from '../../components/KeysList/display-rows';
import { DeletePatternDialog } from './DeletePatternDialog';
import { ExportKeysDialog } from './ExportKeysDialog';
import { ImportKeysDialog } from './ImportKeysDialog';
import { NewKeyDialog } from './NewKeyDialog';

/** A number in a box as wide as its longest expected value, so counting up never moves what follows. */
const Count = ({ n, ch }: { n: string; ch: number }): React.JSX.Element => (
  <span className="count" style={{ minWidth: `${ch}ch` }}>
    {n}
  </span>
);

/**
 * Progress of the walk and the key count, in a box of fixed width: nothing in the toolbar moves while a scan
 * runs or when it ends. A walk started by opening the panel keeps to a tenth of Redis's time; "Scan all now"
 * lets it take about a third.
 */
function ScanStatus(): React.JSX.Element {
  const scan = useKeys((s) => s.scan);
  const count = useKeys((s) => s.rows.length);
  const scanNow = useKeys((s) => s.scanNow);
  const pace = scan.pace;
  useKeys((s) => s.version);
  const pct = Math.round(scan.progress * 100);
  const digits = Math.max(scan.total, scan.seen).toLocaleString().length;
  return (
    <span className="scan-status" data-testid="scan-status">
      {scan.running ? (
        <>
          <progress
            max={100}
            value={pct}
            title={
              count > SORT_LIVE_MAX ? 'Past 50,000 keys the list is sorted when the walk ends' : undefined
            }
          />
          <span data-testid="scan-progress">
            <Count n={`${pct}%`} ch={4} /> · <Count n={scan.seen.toLocaleString()} ch={digits} /> of{' '}
            {scan.total.toLocaleString()} keys
          </span>
          {scan.pace === 'gentle' && (
            <button
              className="link"
              onClick={() => void scanNow()}
              title="Walks faster, still leaving most of Redis's time to your app"
              data-testid="scan-now"
            >
              Scan all now
            </button>
          )}
          {count > SORT_LIVE_MAX && pace !== 'gentle' && <span className="muted">sorted when done</span>}
        </>
      ) : (
        <span data-testid="key-count">
          {count.toLocaleString()} {count === 1 ? 'key' : 'keys'}
        </span>
      )}
      {scan.error && (
        <span className="error-text" title={scan.error}>
          {scan.error}
        </span>
      )}
    </span>
  );
}

function SelectionActions(): React.JSX.Element | null {
  const { selected, rows, remove, clearSelection } = useKeys();
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (selected.size === 0) return null;
  const del = async (): Promise<void> => {
    const refs = rows.filter((r) => selected.has(r.id)).map(rowRef);
    try {
      await api.call('keys.delete', { keys: refs });
      remove(selected);
      setConfirm(false);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <span className="selection-actions">
      <span>{selected.size.toLocaleString()} selected</span>
      {confirm ? (
        <button className="danger" onClick={() => void del()} data-testid="confirm-delete-selected">
          Delete {selected.size.toLocaleString()} keys?
        </button>
      ) : (
        <button className="danger" onClick={() => setConfirm(true)} data-testid="delete-selected">
          Delete selected
        </button>
      )}
      <button onClick={clearSelection}>Clear</button>
      {error && <span className="error-text">{error}</span>}
    </span>
  );
}

/** Filters (pattern, type), scan control, view (flat/tree, delimiter), sort and the key actions. */
export function KeysToolbar(): React.JSX.Element {
  const {
    match,
    type,
    sortBy,
    view,
    delimiter,
    setFilter,
    setSort,
    setView,
    setDelimiter,
    startScan,
    stopScan,
  } = useKeys();
  const running = useKeys((s) => s.scan.running);
  const [dialog, setDialog] = useState<'new' | 'pattern' | 'export' | 'import' | null>(null);
  return (
    <div className="keys-toolbar">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void startScan('fast');
        }}
      >
        <input
          className="mono pattern"
          placeholder="pattern, e.g. user:* or \xff*"
          value={match}
          onChange={(e) => setFilter({ match: e.target.value })}
          aria-label="Key pattern"
          data-testid="keys-pattern"
        />
        <select
          value={type}
          onChange={(e) => setFilter({ type: e.target.value })}
          aria-label="Type filter"
          data-testid="keys-type"
        >
          <option value="">all types</option>
          {REDIS_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        {running ? (
          <button
            type="button"
            className="scan-button"
            onClick={() => void stopScan()}
            data-testid="scan-stop"
          >
            Stop
          </button>
        ) : (
          <button type="submit" className="primary scan-button" data-testid="scan-start">
            Scan
          </button>
        )}
      </form>
      <ScanStatus />
      <span className="spacer" />
      <div className="vv-modes" role="group" aria-label="View">
        {(['flat', 'tree'] as const).map((v) => (
          <button
            key={v}
            className={view === v ? 'on' : ''}
            aria-pressed={view === v}
            onClick={() => setView(v)}
            data-testid={`view-${v}`}
          >
            {v === 'flat' ? 'List' : 'Tree'}
          </button>
        ))}
      </div>
      {view === 'tree' && (
        <input
          className="mono delimiter"
          value={delimiter}
          maxLength={4}
          onChange={(e) => e.target.value && setDelimiter(e.target.value)}
          aria-label="Tree delimiter"
          title="Delimiter"
        />
      )}
      <select
        value={sortBy}
        onChange={(e) => setSort(e.target.value as SortBy)}
        aria-label="Sort"
        data-testid="keys-sort"
      >
        <option value="name">by name</option>
        <option value="ttl">by TTL</option>
      </select>
      <SelectionActions />
      <button onClick={() => setDialog('new')} data-testid="new-key">
        New key
      </button>
      <button onClick={() => setDialog('export')} data-testid="keys-export">
        Export…
      </button>
      <button onClick={() => setDialog('import')} data-testid="keys-import">
        Import…
      </button>
      <button className="danger" onClick={() => setDialog('pattern')} data-testid="delete-pattern">
        Delete by pattern…
      </button>
      {dialog === 'new' && <NewKeyDialog onClose={() => setDialog(null)} />}
      {dialog === 'pattern' && <DeletePatternDialog onClose={() => setDialog(null)} />}
      {dialog === 'export' && <ExportKeysDialog onClose={() => setDialog(null)} />}
      {dialog === 'import' && <ImportKeysDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
