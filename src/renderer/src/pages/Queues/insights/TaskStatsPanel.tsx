import { useCallback, useEffect, useState } from 'react';
import type { Percentiles, TaskStat, TaskStats } from '../../../../../shared/contract';
import { api, errorMessage } from '../../../api';
import { type Column, SortTable } from '../../../components/SortTable/SortTable';
import { useQueues } from '../../../stores/queues';
import './Insights.css';

const WINDOWS: Array<[label: string, ms: number]> = [
  ['5 min', 300_000],
  ['1 hour', 3_600_000],
  ['24 hours', 86_400_000],
  ['7 days', 7 * 86_400_000],
];

function ms(p: Percentiles | null, key: keyof Percentiles): string {
  if (!p) return '—';
  const v = p[key];
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
}

const COLUMNS: Column<TaskStat>[] = [
  { id: 'task', label: 'Task', value: (t) => t.task, render: (t) => <span className="mono">{t.task}</span> },
  { id: 'completed', label: 'Completed', value: (t) => t.completed, numeric: true },
  { id: 'failed', label: 'Failed', value: (t) => t.failed, numeric: true },
  {
    id: 'rate',
    label: 'Failure rate',
    value: (t) => t.failureRate,
    render: (t) => (
      <span className={t.failureRate > 0 ? 'error-text' : undefined}>
        {(t.failureRate * 100).toFixed(1)}%
      </span>
    ),
    numeric: true,
  },
  {
    id: 'run50',
    label: 'Run p50',
    value: (t) => t.runMs?.p50 ?? -1,
    render: (t) => ms(t.runMs, 'p50'),
    numeric: true,
  },
  {
    id: 'run95',
    label: 'Run p95',
    value: (t) => t.runMs?.p95 ?? -1,
    render: (t) => ms(t.runMs, 'p95'),
    numeric: true,
  },
  {
    id: 'run99',
    label: 'Run p99',
    value: (t) => t.runMs?.p99 ?? -1,
    render: (t) => ms(t.runMs, 'p99'),
    numeric: true,
  },
  {
    id: 'wait50',
    label: 'Wait p50',
    value: (t) => t.waitMs?.p50 ?? -1,
    render: (t) => ms(t.waitMs, 'p50'),
    numeric: true,
  },
  {
    id: 'wait95',
    label: 'Wait p95',
    value: (t) => t.waitMs?.p95 ?? -1,
    render: (t) => ms(t.waitMs, 'p95'),
    numeric: true,
  },
];

/** Per task name: counts, failure rate and run/wait percentiles over a chosen window, for one queue or all. */
export function TaskStatsPanel({ queue }: { queue: string | null }): React.JSX.Element {
  const prefix = useQueues((s) => s.prefix);
  // Across queues, a newly found queue may hold finished jobs: read again when the list grows or shrinks.
  const queueCount = useQueues((s) => (queue ? 0 : s.queues.length));
  const [windowMs, setWindowMs] = useState(3_600_000);
  const [stats, setStats] = useState<TaskStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setStats(await api.call('queues.taskStats', { ...(queue ? { queue } : {}), prefix, windowMs }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [queue, prefix, windowMs]);
  useEffect(() => void load(), [load, queueCount]);
  return (
    <section className="insights-panel" data-testid="task-stats">
      <div className="row insights-toolbar">
        <h2>{queue ? 'Per-task statistics' : 'Per-task statistics, every queue'}</h2>
        <select
          value={windowMs}
          onChange={(e) => setWindowMs(Number(e.target.value))}
          aria-label="Window"
          data-testid="task-stats-window"
        >
          {WINDOWS.map(([label, value]) => (
            <option key={value} value={value}>
              last {label}
            </option>
          ))}
        </select>
        <button onClick={() => void load()} data-testid="task-stats-refresh">
          Refresh
        </button>
        <span className="muted" data-testid="task-stats-note">
          {stats
            ? `${stats.jobsRead.toLocaleString()} finished jobs read in ${stats.queuesScanned} queue${
                stats.queuesScanned === 1 ? '' : 's'
              }${stats.truncated ? ' (the newest only: more exist)' : ''}; jobs removed on finish are not counted`
            : ''}
        </span>
      </div>
      {error && <p className="error-text">{error}</p>}
      {stats && stats.tasks.length === 0 ? (
        <p className="muted">No job finished in this window.</p>
      ) : (
        stats && (
          <SortTable columns={COLUMNS} rows={stats.tasks} initialSort="completed" testId="task-stats-table" />
        )
      )}
    </section>
  );
}
