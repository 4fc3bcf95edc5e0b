import { useEffect } from 'react';
import { KeyDetail } from '../../components/KeysDetail/KeyDetail';
import { KeysList } from '../../components/KeysList/KeysList';
import { useConnection } from '../../stores/connection';
import { useKeys } from '../../stores/keys';
import { KeysToolbar } from './KeysToolbar';
import './Keys.css';

/** The key inspector: every key listed (scan-all, virtualized), the open key's value and editors beside it. */
export function KeysPage(): React.JSX.Element {
  const connected = useConnection((s) => s.status?.state === 'connected');
  const active = useKeys((s) => s.active);
  useEffect(() => {
    if (connected && useKeys.getState().scan.id === null) void useKeys.getState().startScan();
  }, [connected]);
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
