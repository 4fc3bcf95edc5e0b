import { useState } from 'react';
import { useBeatSync } from '../../stores/beat';
import { useTasksSync } from '../../stores/compose-tasks';
import { useProcessesSync } from '../../stores/processes';
import { useQueuesSync } from '../../stores/queues';
import { BeatCard } from './BeatCard';
import { CommandsCard } from './CommandsCard';
import { EverywhereCard } from './EverywhereCard';
import { LogView } from './LogView';
import { TaskModuleCard } from './TaskModuleCard';
import { WorkersCard } from './WorkersCard';
import './Processes.css';

export function ProcessesPage(): React.JSX.Element {
  useProcessesSync();
  useBeatSync();
  useTasksSync();
  useQueuesSync();
  const [logFor, setLogFor] = useState<string | null>(null);
  return (
    <section className="processes-page">
      <h1>Processes</h1>
      <p className="muted">
        Workers run your tasks; the beat enqueues them on a schedule; project commands are your own processes.
        All restart by themselves if they crash.
      </p>
      <div className="processes-grid">
        <div className="wide">
          <WorkersCard logFor={logFor} onLogs={setLogFor} />
        </div>
        <div className="wide">
          <EverywhereCard />
        </div>
        <div className="wide">
          <CommandsCard logFor={logFor} onLogs={setLogFor} />
        </div>
        <div className="wide">
          <BeatCard />
        </div>
        <LogView processId={logFor} onChange={setLogFor} />
        <TaskModuleCard />
      </div>
    </section>
  );
}
