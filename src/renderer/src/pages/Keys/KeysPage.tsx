import { useEffect } from 'react';
import { KeyDetail } from '../../components/KeysDetail/KeyDetail';
import { KeysList } from '../../components/KeysList/KeysList';
import { useConnection } from '../../stores/connection';
import { useKeys } from '../../stores/keys';
import { KeysToolbar } from './KeysToolbar';
import './Keys.css';

let scannedUrl: string | null = null;

/** The key inspector: every key listed (scan-all, virtualized), the open key's value and editors beside it. */
export function KeysPage(): React.JSX.Element {
  const connected = useConnection((s) => s.status?.state === 'connected');
  const url = useConnection((s) => s.status?.url ?? null);
  const active = useKeys((s) => s.active);
  useEffect(() => {
    // List again on first open and whenever QueueDesk is pointed at another Redis.
    if (!connected || (useKeys.getState().scan.id !== null && scannedUrl === url)) return;
    scannedUrl = url;
    useKeys.getState().open(null);
    void useKeys.getState().startScan();
  }, [connected, url]);
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
