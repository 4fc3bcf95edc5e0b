import { useProcesses } from '../../stores/processes';
import { StartWorkerForm } from './StartWorkerForm';
import { useNow } from '../../hooks/use-now';
import { WorkerRow } from './WorkerRow';
import { ProcTable } from './ProcTable';

const COLUMNS = [
  'Id',
  'State',
  'Pid',
  'Queues',
  'Concurrency',
  'Running now',
  'Done / failed',
  'Uptime',
  'Restarts',
];

/** Worker processes: what they consume, how hard, what they run now; start, scale, stop, open logs. */
export function WorkersCard({
  logFor,
  onLogs,
}: {
  logFor: string | null;
  onLogs(id: string): void;
}): React.JSX.Element {
  const { processes, error } = useProcesses();
  const workers = processes.filter((p) => p.kind === 'worker');
  const now = useNow();
  return (
    <div className="card" data-testid="workers-card">
      <h2>Workers</h2>
      <StartWorkerForm />
      {error && <p className="error-text">{error}</p>}
      {workers.length === 0 ? (
        <p className="muted" data-testid="workers-empty">
          No worker runs. Start one above for the queues you enqueue to; jobs wait until a worker takes them.
        </p>
      ) : (
        <ProcTable columns={COLUMNS}>
          {workers.map((p) => (
            <WorkerRow key={p.id} p={p} now={now} selected={p.id === logFor} onLogs={() => onLogs(p.id)} />
          ))}
        </ProcTable>
      )}
    </div>
  );
}
