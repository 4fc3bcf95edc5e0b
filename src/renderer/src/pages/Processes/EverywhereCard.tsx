import { useCallback, useEffect, useState } from 'react';
import type { WorkersEverywhere } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { relativeTime } from '../../format/relative-time';
import { useNow } from '../../hooks/use-now';
import { useQueues } from '../../stores/queues';

/** Announcements renew every 10 s: reading more often would show nothing new. */
const REFRESH_MS = 10_000;

/**
 * Every worker on every machine sharing this Redis: QueueDesk's own (from any window or `queuedesk worker`)
 * with host, pid, concurrency and running jobs, and other apps' BullMQ workers as CLIENT LIST names them.
 */
export function EverywhereCard(): React.JSX.Element {
  const prefix = useQueues((s) => s.prefix);
  const now = useNow();
  const [data, setData] = useState<WorkersEverywhere | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setData(await api.call('workers.everywhere', { prefix }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [prefix]);
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(t);
  }, [load]);
  const foreign = data?.workers.filter((w) => !w.queuedesk) ?? [];
  return (
    <section className="card" data-testid="everywhere-card">
      <div className="row">
        <h2>Workers on every machine</h2>
        <span className="muted" data-testid="everywhere-hosts">
          {data
            ? `${data.hosts.length} host${data.hosts.length === 1 ? '' : 's'}: ${data.hosts.join(', ') || '—'}`
            : ''}
        </span>
      </div>
      {error && <p className="error-text">{error}</p>}
      <table className="everywhere-table" data-testid="everywhere-table">
        <thead>
          <tr>
            <th>Host</th>
            <th>Pid</th>
            <th>Started by</th>
            <th>Queues</th>
            <th>Concurrency</th>
            <th>Running</th>
            <th>Heartbeat</th>
          </tr>
        </thead>
        <tbody>
          {data?.presences.map((p) => (
            <tr key={`${p.host}/${p.pid}/${p.queues.join(',')}`} data-testid="everywhere-row">
              <td>{p.host}</td>
              <td className="mono">{p.pid}</td>
              <td>{p.via === 'cli' ? 'queuedesk worker' : 'QueueDesk'}</td>
              <td className="mono">{p.queues.join(', ')}</td>
              <td>{p.concurrency}</td>
              <td>
                {p.currentJobs.length ? p.currentJobs.map((j) => `${j.task} #${j.id}`).join(', ') : '—'}
              </td>
              <td className="muted">{relativeTime(p.heartbeatAt, now, 'past')}</td>
            </tr>
          ))}
          {foreign.map((w) => (
            <tr key={`${w.queue}/${w.name}/${w.addr}`} data-testid="everywhere-foreign">
              <td className="muted">{w.addr}</td>
              <td>—</td>
              <td>another app ({w.name})</td>
              <td className="mono">{w.queue}</td>
              <td>—</td>
              <td>—</td>
              <td className="muted">idle {w.idleSec} s</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.presences.length === 0 && foreign.length === 0 && (
        <p className="muted">No worker is connected to this Redis.</p>
      )}
    </section>
  );
}
