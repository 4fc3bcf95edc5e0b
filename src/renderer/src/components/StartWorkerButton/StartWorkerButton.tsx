import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { toast } from '../Toast/toast-store';

/** One click to get jobs moving: starts a worker process on a queue that has none. */
export function StartWorkerButton({ queue, label }: { queue: string; label?: string }): React.JSX.Element {
  const [busy, setBusy] = useState(false);
  const start = async (): Promise<void> => {
    setBusy(true);
    try {
      const w = await api.call('workers.start', { queues: [queue] });
      toast('ok', `Started ${w.id} on ${queue} (see Processes)`);
    } catch (err) {
      toast('error', `Could not start a worker: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button className="primary" disabled={busy} onClick={() => void start()} data-testid="start-worker-here">
      {label ?? `Start a worker on ${queue}`}
    </button>
  );
}
