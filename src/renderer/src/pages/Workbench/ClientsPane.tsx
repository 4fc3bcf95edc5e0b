import { useEffect, useMemo, useState } from 'react';
import type { ClientRow } from '../../../../shared/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog/ConfirmDialog';
import { SortTable, type Column } from '../../components/SortTable/SortTable';
import { useClients } from '../../stores/server-clients';
import { formatBytes } from './memory-columns';
import { useNodeChoice } from '../../stores/cluster-nodes';
import { withNodeColumn } from './node-column';

function seconds(s: number): string {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} d`;
}

function columns(kill: (c: ClientRow) => void): Column<ClientRow>[] {
  return [
    { id: 'id', label: 'Id', value: (c) => Number(c.id), numeric: true },
    {
      id: 'name',
      label: 'Name',
      value: (c) => c.name,
      render: (c) => (
        <>
          {c.name || <span className="muted">—</span>}
          {c.own && (
            <span className="chip server-own" title="A connection QueueDesk opened" data-testid="client-own">
              QueueDesk
            </span>
          )}
        </>
      ),
    },
    { id: 'addr', label: 'Address', value: (c) => c.addr },
    { id: 'age', label: 'Age', value: (c) => c.ageSec, render: (c) => seconds(c.ageSec), numeric: true },
    { id: 'idle', label: 'Idle', value: (c) => c.idleSec, render: (c) => seconds(c.idleSec), numeric: true },
    { id: 'db', label: 'DB', value: (c) => c.db, numeric: true },
    { id: 'cmd', label: 'Last command', value: (c) => c.cmd, render: (c) => <code>{c.cmd}</code> },
    {
      id: 'mem',
      label: 'Memory',
      value: (c) => c.totMem,
      render: (c) => formatBytes(c.totMem),
      numeric: true,
    },
    {
      id: 'omem',
      label: 'Output buf',
      value: (c) => c.omem,
      render: (c) => formatBytes(c.omem),
      numeric: true,
    },
    {
      id: 'flags',
      label: 'Flags',
      value: (c) => c.flags,
      render: (c) => <code title={flagHelp(c.flags)}>{c.flags}</code>,
    },
    {
      id: 'kill',
      label: '',
      value: () => '',
      render: (c) => (
        <button className="danger small" onClick={() => kill(c)} data-testid={`client-kill-${c.id}`}>
          Kill
        </button>
      ),
    },
  ];
}

const FLAGS: Record<string, string> = {
  N: 'no special flags',
  M: 'a master',
  S: 'a replica',
  P: 'subscribed (pub/sub)',
  x: 'in MULTI',
  b: 'blocked',
  O: 'in MONITOR',
  t: 'tracking (client-side caching)',
  r: 'read-only (cluster)',
};

function flagHelp(flags: string): string {
  return [...flags].map((f) => FLAGS[f] ?? f).join(', ');
}

/** CLIENT LIST, sortable; QueueDesk's own connections are marked, and any can be killed after a yes. */
export function ClientsPane(): React.JSX.Element {
  const { clients, error, notice, pendingKill, load, kill, dismissKill } = useClients();
  const [hideOwn, setHideOwn] = useState(false);
  const { ready, key } = useNodeChoice();
  useEffect(() => {
    if (ready) void load();
  }, [load, ready, key]);
  const rows = hideOwn ? clients.filter((c) => !c.own) : clients;
  const base = useMemo(() => columns((c) => void kill(c.id, undefined, c.node)), [kill]);
  const cols = useMemo(() => withNodeColumn(base, clients), [base, clients]);
  const own = clients.filter((c) => c.own).length;
  return (
    <div className="server-pane" data-testid="clients-pane">
      <div className="card row server-toolbar">
        <span data-testid="clients-count">
          {clients.length} clients, {own} of them QueueDesk’s own
        </span>
        <label className="row">
          <input type="checkbox" checked={hideOwn} onChange={(e) => setHideOwn(e.target.checked)} />
          Hide QueueDesk’s own
        </label>
        <div className="row server-actions">
          <button onClick={() => void load()} data-testid="clients-refresh">
            Refresh
          </button>
        </div>
      </div>
      {error && <p className="error-text">{error}</p>}
      {notice && (
        <p className="notice ok" data-testid="clients-notice">
          {notice}
        </p>
      )}
      <div className="card server-section">
        <SortTable columns={cols} rows={rows} initialSort="id" initialDesc={false} testId="clients-table" />
      </div>
      {pendingKill && (
        <ConfirmDialog
          request={{
            title: `Kill client ${pendingKill.id}`,
            message: pendingKill.reason.replace(/: pass confirm: true.*$/, '.'),
            confirmLabel: 'Kill',
            danger: true,
            onConfirm: () => void kill(pendingKill.id, true, pendingKill.node),
          }}
          onClose={dismissKill}
        />
      )}
    </div>
  );
}
