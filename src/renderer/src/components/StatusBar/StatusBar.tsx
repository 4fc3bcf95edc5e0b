import { useConnection } from '../../stores/connection';
import './StatusBar.css';

const STATE_LABEL = {
  connected: 'Connected',
  connecting: 'Reconnecting…',
  disconnected: 'Disconnected',
  error: 'Error',
};

export function StatusBar(): React.JSX.Element {
  const { status, info, linkUp } = useConnection();
  const state = linkUp ? (status?.state ?? 'connecting') : 'disconnected';
  // Connected, but some of a cluster's slots wait for a replica to take over: amber, and said.
  const failingOver = state === 'connected' && !!status?.lostNodes;
  const where =
    status?.mode === 'embedded' ? `embedded${status.persist ? ' (persistent)' : ''}` : status?.url;
  const keys = info ? Object.values(info.keyspace).reduce((n, db) => n + db.keys, 0) : null;
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span className={`status-dot ${failingOver ? 'connecting' : state}`} aria-hidden />
      <span data-testid="status-state">
        {!linkUp
          ? 'QueueDesk host unreachable'
          : failingOver
            ? 'Connected, failing over…'
            : STATE_LABEL[state]}
      </span>
      {where && <span className="muted">{where}</span>}
      <span className="spacer" />
      {info && state === 'connected' && (
        <>
          <span data-testid="status-version">Redis {info.version}</span>
          <span>mem {info.usedMemoryHuman}</span>
          <span
            data-testid="status-ops"
            title="Commands per second Redis runs, and how many of them QueueDesk itself sends"
          >
            ops/s {info.opsPerSec} (QueueDesk {info.ownOpsPerSec})
          </span>
          <span>{keys} keys</span>
          <span>{info.connectedClients} clients</span>
        </>
      )}
    </footer>
  );
}
