import { useState } from 'react';
import type { ProcessInfo } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { toast } from '../../components/Toast/toast-store';
import { jobHref } from '../../stores/queues-route';
import { parseConcurrency } from './StartWorkerForm';
import type { ProcRowProps } from './ProcTable';
import { StateCell } from './StateCell';
import { since } from '../../format/relative-time';

function ScaleField({ p }: { p: ProcessInfo }): React.JSX.Element {
  const [text, setText] = useState(String(p.concurrency));
  const [error, setError] = useState<string | null>(null);
  const apply = async (): Promise<void> => {
    const c = parseConcurrency(text);
    setError(c.error ?? null);
    if (c.value === undefined || c.value === p.concurrency) return;
    try {
      await api.call('workers.scale', { id: p.id, concurrency: c.value });
      toast('ok', `${p.id} now runs ${c.value} at once`);
    } catch (err) {
      toast('error', `Scale failed: ${errorMessage(err)}`);
    }
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), void apply())} noValidate className="scale">
      <input
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => void apply()}
        aria-label={`Concurrency of ${p.id}`}
        className="narrow"
        data-testid="worker-scale"
      />
      {error && <span className="field-error">{error}</span>}
    </form>
  );
}

export function WorkerRow({ p, now, selected, onLogs }: ProcRowProps): React.JSX.Element {
  const live = p.state === 'running' || p.state === 'starting';
  const stop = (): void => {
    api.call('workers.stop', { id: p.id }).then(
      () => toast('ok', `${p.id} stopped`),
      (err) => toast('error', `Stop failed: ${errorMessage(err)}`),
    );
  };
  return (
    <tr className={selected ? 'selected' : ''} data-testid="worker-row" data-worker-id={p.id}>
      <td className="mono">{p.id}</td>
      <StateCell p={p} now={now} testId="worker-state" />
      <td className="mono">{p.pid ?? '—'}</td>
      <td>{p.queues.join(', ')}</td>
      <td>{live ? <ScaleField p={p} /> : p.concurrency}</td>
      <td>
        {p.currentJobs.length === 0 ? (
          <span className="muted">idle</span>
        ) : (
          // QueueDesk's own workers run BullMQ jobs.
          p.currentJobs.slice(0, 3).map((j) => (
            <a key={`${j.queue}/${j.id}`} href={jobHref(j.queue, j.id, 'bullmq')} className="current-job">
              {j.task}#{j.id}
            </a>
          ))
        )}
        {p.currentJobs.length > 3 && <span className="muted"> +{p.currentJobs.length - 3}</span>}
      </td>
      <td>
        {p.completed} / <span className={p.failed ? 'c-failed' : ''}>{p.failed}</span>
      </td>
      <td>{p.startedAt && live ? since(now - p.startedAt) : '—'}</td>
      <td>{p.restarts}</td>
      <td className="actions">
        <button onClick={onLogs} data-testid="worker-logs">
          Logs
        </button>
        {live && (
          <button className="danger" onClick={stop} data-testid="worker-stop">
            Stop
          </button>
        )}
      </td>
    </tr>
  );
}
