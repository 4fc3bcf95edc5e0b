import { useEffect, useState } from 'react';
import type { SlowlogEntry } from '../../../../shared/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog/ConfirmDialog';
import { SortTable, type Column } from '../../components/SortTable/SortTable';
import { useSlowlog } from '../../stores/server-slowlog';
import { SettingInput } from './SettingInput';
import { useClusterNodes, useNodeChoice } from '../../stores/cluster-nodes';
import { withNodeColumn } from './node-column';

const columns: Column<SlowlogEntry>[] = [
  { id: 'id', label: 'Id', value: (e) => e.id, numeric: true },
  { id: 'at', label: 'Time', value: (e) => e.at, render: (e) => new Date(e.at).toLocaleString() },
  {
    id: 'duration',
    label: 'Duration (µs)',
    value: (e) => e.durationMicros,
    render: (e) => e.durationMicros.toLocaleString(),
    numeric: true,
  },
  {
    id: 'command',
    label: 'Command',
    value: (e) => e.command,
    render: (e) => (
      <code className="server-command" title={e.args.join(' ')}>
        {e.command}
      </code>
    ),
  },
  {
    id: 'client',
    label: 'Client',
    value: (e) => `${e.clientName} ${e.clientAddr}`,
    render: (e) => (
      <>
        {e.clientName && <strong>{e.clientName} </strong>}
        <span className="muted">{e.clientAddr}</span>
      </>
    ),
  },
];

/** SLOWLOG GET, with its two settings and a confirmed reset. */
export function SlowlogPane(): React.JSX.Element {
  const { view, error, load, reset, setting } = useSlowlog();
  const [confirming, setConfirming] = useState(false);
  // Merged over every primary: its settings and reset are each node's own, so they wait for one node.
  const merged = useClusterNodes((s) => s.merged && s.node !== null);
  const { ready, key } = useNodeChoice();
  useEffect(() => {
    if (ready) void load();
  }, [load, ready, key]);
  return (
    <div className="server-pane" data-testid="slowlog-pane">
      <div className="card row server-toolbar">
        {merged ? (
          <span className="muted server-hint" data-testid="slowlog-merged">
            Every primary’s slow log, newest first. Pick one node to change its settings or reset its log.
          </span>
        ) : (
          <>
            <label>
              Log commands slower than (µs)
              <SettingInput
                name="slowlog-log-slower-than"
                value={String(view?.slowerThanMicros ?? '')}
                onSave={(v) => void setting('slowlog-log-slower-than', v)}
              />
            </label>
            <label>
              Entries kept
              <SettingInput
                name="slowlog-max-len"
                value={String(view?.maxLen ?? '')}
                onSave={(v) => void setting('slowlog-max-len', v)}
              />
            </label>
            <span className="muted server-hint">
              0 logs every command, -1 none. Duration is the time Redis spent running the command, not the
              round trip.
            </span>
          </>
        )}
        <div className="row server-actions">
          <button onClick={() => void load()} data-testid="slowlog-refresh">
            Refresh
          </button>
          <button
            className="danger"
            disabled={!view || view.length === 0 || merged}
            onClick={() => setConfirming(true)}
            data-testid="slowlog-reset"
          >
            Reset…
          </button>
        </div>
      </div>
      {error && <p className="error-text">{error}</p>}
      {view && (
        <div className="card server-section">
          <p className="muted" data-testid="slowlog-count">
            {view.length === 0
              ? 'The slow log is empty.'
              : `${view.length.toLocaleString()} entries in the log${view.entries.length < view.length ? `, newest ${view.entries.length} shown` : ''}.`}
          </p>
          <SortTable
            key={merged ? 'merged' : 'one'}
            columns={withNodeColumn(columns, view.entries)}
            rows={view.entries}
            initialSort={merged ? 'at' : 'id'}
            testId="slowlog-table"
          />
        </div>
      )}
      {confirming && view && (
        <ConfirmDialog
          request={{
            title: 'Reset the slow log',
            message: `SLOWLOG RESET deletes all ${view.length.toLocaleString()} entries for every client of this server. They cannot be brought back.`,
            confirmLabel: 'Reset',
            danger: true,
            onConfirm: () => void reset(),
          }}
          onClose={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
