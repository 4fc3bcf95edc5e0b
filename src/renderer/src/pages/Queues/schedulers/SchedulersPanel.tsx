import { useState } from 'react';
import type { SchedulerSummary } from '../../../../../shared/contract';
import { api, errorMessage } from '../../../api';
import { ConfirmDialog, type ConfirmRequest } from '../../../components/ConfirmDialog/ConfirmDialog';
import { toast } from '../../../components/Toast/toast-store';
import { useQueues } from '../../../stores/queues';
import { triggerText } from '../../Processes/schedule-form';
import { relativeTime } from '../../../format/relative-time';
import { useNow } from '../../../hooks/use-now';
import { SchedulerEditor } from './SchedulerEditor';
import { EMPTY_SCHEDULER, schedulerToForm, schedulerTrigger } from './scheduler-form';
import { useSchedulers } from './use-schedulers';
import './Schedulers.css';

function nextText(next: number | null, now: number): string {
  if (next === null) return 'no more runs';
  const at = new Date(next).toLocaleString(undefined, { hour12: false });
  return `${at} (${relativeTime(next, now, 'next')})`;
}

function runsText(s: SchedulerSummary): string {
  const made = s.iterationCount ?? 0;
  return s.limit !== null ? `${made} of ${s.limit}` : String(made);
}

/** Puts a removed scheduler back as it was (its definition came back with the removal). */
function restore(s: SchedulerSummary, reload: () => Promise<void>): void {
  api
    .call('schedulers.upsert', {
      queue: s.queue,
      prefix: s.prefix,
      id: s.id,
      task: s.task,
      args: s.args,
      ...(s.every !== null
        ? { every: s.every }
        : { pattern: s.pattern ?? '', ...(s.tz ? { tz: s.tz } : {}) }),
      ...(s.limit !== null ? { limit: s.limit } : {}),
      ...(s.endDate !== null && s.endDate > Date.now() ? { endDate: s.endDate } : {}),
      options: s.options,
    })
    .then(
      () => (toast('ok', `Scheduler ${s.id} restored`), void reload()),
      (err) => toast('error', errorMessage(err)),
    );
}

/**
 * BullMQ job schedulers of one queue (`queue`) or of every queue under the prefix: their timing, next run and
 * template, with create, edit, run now and remove — each saying first what it changes.
 */
export function SchedulersPanel({ queue }: { queue: string | null }): React.JSX.Element {
  const prefix = useQueues((s) => s.prefix);
  const { list, error, reload } = useSchedulers(queue);
  const now = useNow();
  const [editing, setEditing] = useState<SchedulerSummary | 'new' | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const runNow = (s: SchedulerSummary): void =>
    setConfirm({
      title: `Run ${s.id} now?`,
      message: `Adds one "${s.task}" job to ${s.queue} from this scheduler's template, now. The schedule, its next run and its run count stay as they are.`,
      confirmLabel: 'Add the job',
      onConfirm: () =>
        void api.call('schedulers.run', { queue: s.queue, prefix: s.prefix, id: s.id }).then(
          ({ jobId }) => toast('ok', `Job ${jobId} added from ${s.id}`),
          (err) => toast('error', errorMessage(err)),
        ),
    });
  const remove = (s: SchedulerSummary): void =>
    setConfirm({
      title: `Remove scheduler ${s.id}?`,
      message:
        `Its future runs stop (${triggerText(schedulerTrigger(s))}, next ${nextText(s.next, Date.now())})` +
        `${s.pendingJobId ? ' and its pending job is deleted' : ''}. Jobs it already made are kept.`,
      confirmLabel: 'Remove scheduler',
      danger: true,
      onConfirm: () =>
        void api.call('schedulers.remove', { queue: s.queue, prefix: s.prefix, id: s.id }).then(
          ({ removed }) => {
            void reload();
            toast('ok', `Scheduler ${s.id} removed`, { label: 'Undo', run: () => restore(removed, reload) });
          },
          (err) => toast('error', errorMessage(err)),
        ),
    });
  const rows = list?.schedulers ?? [];
  return (
    <section className="schedulers-panel" data-testid="schedulers-panel">
      <div className="row schedulers-toolbar">
        <h2>{queue ? 'Job schedulers' : 'Job schedulers on every queue'}</h2>
        <span className="muted" data-testid="schedulers-count">
          {list
            ? `${rows.length} scheduler${rows.length === 1 ? '' : 's'}` +
              (queue ? '' : ` in ${list.queuesScanned} queue${list.queuesScanned === 1 ? '' : 's'}`)
            : 'Loading…'}
        </span>
        <span className="grow" />
        {queue && (
          <button className="primary" onClick={() => setEditing('new')} data-testid="scheduler-new">
            New scheduler
          </button>
        )}
      </div>
      {error && <p className="error-text">{error}</p>}
      {editing && queue && (
        <SchedulerEditor
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? EMPTY_SCHEDULER : schedulerToForm(editing)}
          editing={editing !== 'new'}
          queue={queue}
          prefix={prefix}
          onDone={(saved) => (setEditing(null), saved && void reload())}
        />
      )}
      {list && rows.length === 0 ? (
        <p className="muted" data-testid="schedulers-empty">
          No job schedulers{queue ? ' on this queue' : ''}. A scheduler adds a job on an interval or a cron
          pattern (BullMQ&apos;s <code>upsertJobScheduler</code>).
        </p>
      ) : (
        <table className="schedulers-table" data-testid="schedulers-table">
          <thead>
            <tr>
              <th>Scheduler</th>
              {!queue && <th>Queue</th>}
              <th>Task</th>
              <th>Runs</th>
              <th>Next run</th>
              <th>Made</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={`${s.queue}/${s.id}`} data-testid={`scheduler-row-${s.id}`}>
                <td className="mono">{s.id}</td>
                {!queue && (
                  <td>
                    <a href={`#/queues/${encodeURIComponent(s.queue)}`}>{s.queue}</a>
                  </td>
                )}
                <td className="mono" title={JSON.stringify(s.args)}>
                  {s.task}
                </td>
                <td>{triggerText(schedulerTrigger(s))}</td>
                <td data-testid={`scheduler-next-${s.id}`}>{nextText(s.next, now)}</td>
                <td>{runsText(s)}</td>
                <td>
                  <div className="row scheduler-actions">
                    <button onClick={() => runNow(s)} data-testid={`scheduler-run-${s.id}`}>
                      Run now
                    </button>
                    {queue && (
                      <button onClick={() => setEditing(s)} data-testid={`scheduler-edit-${s.id}`}>
                        Edit
                      </button>
                    )}
                    <button
                      className="danger"
                      onClick={() => remove(s)}
                      data-testid={`scheduler-remove-${s.id}`}
                    >
                      Remove
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </section>
  );
}
