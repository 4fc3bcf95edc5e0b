import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { toast } from '../../components/Toast/toast-store';
import { useBeat } from '../../stores/beat';
import { useBeatLeader } from '../../stores/beat-leader';
import { useProcesses } from '../../stores/processes';
import { EMPTY_SCHEDULE, scheduleToForm, type ScheduleForm } from './schedule-form';
import { ScheduleEditor } from './ScheduleEditor';
import { ScheduleRow } from './ScheduleRow';
import { useNow } from '../../hooks/use-now';
import { ProcTable } from './ProcTable';
import { BeatLeader } from './BeatLeader';

const COLUMNS = ['Id', 'Task', 'Queue', 'Trigger', 'Next run', 'Last run', 'Result', 'Runs', 'On'];

function BeatProcess(): React.JSX.Element {
  const beat = useProcesses((s) => s.processes.find((p) => p.kind === 'beat'));
  const running = beat?.state === 'running' || beat?.state === 'starting';
  const elsewhere = useBeatLeader((s) => s.leadership?.leader?.host ?? null);
  const toggle = (): void => {
    api.call(running ? 'beat.stop' : 'beat.start', {}).then(
      () => toast('ok', running ? 'Beat stopped' : 'Beat started'),
      (err) => toast('error', `Beat: ${errorMessage(err)}`),
    );
  };
  return (
    <div className="row beat-process">
      <span>
        Beat process:{' '}
        <span className={`proc-state p-${beat?.state ?? 'stopped'}`} data-testid="beat-state">
          {beat?.state ?? 'stopped'}
        </span>
        {beat?.leader ? (
          <span className="muted"> · leader</span>
        ) : running ? (
          <span className="muted"> · standby</span>
        ) : null}
      </span>
      <button onClick={toggle} className={running ? '' : 'primary'} data-testid="beat-toggle">
        {running ? 'Stop beat' : 'Start beat'}
      </button>
      {!running && (
        <span className="muted">
          {elsewhere
            ? `The beat on ${elsewhere} fires them; one started here stands by.`
            : 'Schedules fire only while a beat runs (here or on another machine).'}
        </span>
      )}
    </div>
  );
}

/** The beat: its process, and the schedules with next and last runs; add, edit, enable, remove. */
export function BeatCard(): React.JSX.Element {
  const { schedules, error } = useBeat();
  const [editor, setEditor] = useState<{ form: ScheduleForm; editing: boolean } | null>(null);
  const now = useNow();
  return (
    <div className="card" data-testid="beat-card">
      <div className="row-between">
        <h2>Beat schedules</h2>
        {!editor && (
          <button
            onClick={() => setEditor({ form: EMPTY_SCHEDULE, editing: false })}
            data-testid="schedule-add"
          >
            + Add schedule
          </button>
        )}
      </div>
      <BeatProcess />
      <BeatLeader />
      {error && <p className="error-text">{error}</p>}
      {editor && (
        <ScheduleEditor
          key={editor.form.id || 'new'}
          initial={editor.form}
          editing={editor.editing}
          onDone={() => setEditor(null)}
        />
      )}
      {schedules.length === 0 ? (
        <p className="muted">
          No schedules. Add one to enqueue a task every few seconds, on a cron, or once.
        </p>
      ) : (
        <ProcTable columns={COLUMNS}>
          {schedules.map((s) => (
            <ScheduleRow
              key={s.id}
              s={s}
              now={now}
              onEdit={() => setEditor({ form: scheduleToForm(s), editing: true })}
            />
          ))}
        </ProcTable>
      )}
    </div>
  );
}
