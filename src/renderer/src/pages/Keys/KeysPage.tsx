import { useEffect } from 'react';
import { KeyDetail } from '../../components/KeysDetail/KeyDetail';
import { KeysList } from '../../components/KeysList/KeysList';
import { useConnection } from '../../stores/connection';
import { useKeys } from '../../stores/keys';
import { KeysToolbar } from './KeysToolbar';
import './Keys.css';

let scannedUrl: string | null = null;
// A cluster failover hands a node's slots to another: the list's node of each key is stale, so list again.
// The list made before stays while it fails over (the other nodes' keys still open).
useConnection.subscribe((s) => {
  if (s.status?.mode === 'cluster' && (s.status.state === 'connecting' || s.status.lostNodes))
    scannedUrl = null;
});

/** The key inspector: every key listed (scan-all, virtualized), the open key's value and editors beside it. */
export function KeysPage(): React.JSX.Element {
  const connected = useConnection((s) => s.status?.state === 'connected');
  const failingOver = useConnection((s) => !!s.status?.lostNodes);
  const url = useConnection((s) => s.status?.url ?? null);
  const active = useKeys((s) => s.active);
  useEffect(() => {
    // List again on first open, whenever QueueDesk is pointed at another Redis, and once a failover is over.
    if (!connected || (useKeys.getState().scan.id !== null && (scannedUrl === url || failingOver))) return;
    scannedUrl = url;
    useKeys.getState().open(null);
    void useKeys.getState().startScan();
  }, [connected, url, failingOver]);
  return (
    <section className="keys-page">
      <KeysToolbar />
      <div className="keys-split">
        <div className="keys-left card">
          <KeysList />
        </div>
        <div className="keys-right card">
          <KeyDetail keyRef={active} />
        </div>
      </div>
    </section>
  );
}
