import { useState } from 'react';
import { api } from '../../api';
import { formatTtl } from '../../pages/Keys/ttl';
import { useKeyDetail } from '../../stores/keys-detail';
import { useNow } from '../../hooks/use-now';
import type { KeyRef } from '../../../../shared/contract';

/** The live countdown plus set (seconds or an absolute time) and persist. */
export function TtlControl({
  keyRef,
  ttlMs,
  readAt,
}: {
  keyRef: KeyRef;
  ttlMs: number;
  readAt: number;
}): React.JSX.Element {
  const now = useNow();
  const edit = useKeyDetail((s) => s.edit);
  const [seconds, setSeconds] = useState('');
  const [at, setAt] = useState('');
  const left = ttlMs >= 0 ? readAt + ttlMs - now : null;
  return (
    <div className="ttl-control">
      <span className={`ttl-value${left === null ? ' muted' : ''}`} data-testid="detail-ttl">
        TTL {formatTtl(left)}
      </span>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const s = Number(seconds);
          if (!(s > 0)) return;
          void edit('TTL set', () => api.call('keys.setTtl', { ...keyRef, ttlMs: Math.round(s * 1000) }));
          setSeconds('');
        }}
      >
        <input
          type="number"
          min={1}
          placeholder="seconds"
          value={seconds}
          onChange={(e) => setSeconds(e.target.value)}
          aria-label="TTL in seconds"
          data-testid="ttl-seconds"
        />
        <button type="submit">Set TTL</button>
      </form>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const when = new Date(at).getTime();
          if (!Number.isFinite(when)) return;
          void edit('expiry set', () => api.call('keys.setTtl', { ...keyRef, expireAt: when }));
        }}
      >
        <input
          type="datetime-local"
          value={at}
          onChange={(e) => setAt(e.target.value)}
          aria-label="Expire at"
        />
        <button type="submit">Expire at</button>
      </form>
      <button
        disabled={ttlMs < 0}
        onClick={() => void edit('TTL removed', () => api.call('keys.setTtl', { ...keyRef, persist: true }))}
      >
        Persist
      </button>
    </div>
  );
}
