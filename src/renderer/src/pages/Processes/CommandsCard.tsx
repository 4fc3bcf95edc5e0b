import { useProcesses } from '../../stores/processes';
import { CommandRow } from './CommandRow';
import { ProcTable } from './ProcTable';
import { useNow } from '../../hooks/use-now';

const COLUMNS = ['Id', 'State', 'Pid', 'Command', 'Last exit', 'Uptime', 'Restarts'];

/** The developer's own processes named by the project config (`commands`), e.g. a Celery worker and beat. */
export function CommandsCard({
  logFor,
  onLogs,
}: {
  logFor: string | null;
  onLogs(id: string): void;
}): React.JSX.Element {
  const commands = useProcesses((s) => s.processes).filter((p) => p.kind === 'command');
  const now = useNow();
  return (
    <div className="card" data-testid="commands-card">
      <h2>Project commands</h2>
      {commands.length === 0 ? (
        <p className="muted" data-testid="commands-empty">
          None. Name your own processes (a Celery worker, beat, a dev server) under <code>commands</code> in
          the project’s queuedesk.config to run them here, with their logs and restarts.
        </p>
      ) : (
        <ProcTable columns={COLUMNS}>
          {commands.map((p) => (
            <CommandRow key={p.id} p={p} now={now} selected={p.id === logFor} onLogs={() => onLogs(p.id)} />
          ))}
        </ProcTable>
      )}
    </div>
  );
}
