import { useState } from 'react';
import type { JobDetail, MethodName } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { useCompose } from '../../stores/compose';
import { useNavigation } from '../../stores/navigation';
import { engineCan, engineRetries, queueRef } from '../../stores/queues';
import { ConfirmDialog, type ConfirmRequest } from '../ConfirmDialog/ConfirmDialog';
import { toast } from '../Toast/toast-store';
import { retryToastText } from './format';
import { jobToDraft } from './job-to-draft';

type JobMethod = Extract<MethodName, 'jobs.retry' | 'jobs.promote' | 'jobs.remove' | 'jobs.revoke'>;

/** The worker may hold on to a task that ignores its abort signal: say so rather than claim it stopped. */
function cancelJob(job: JobDetail): void {
  api.call('jobs.cancel', { ...queueRef(job.queue), id: job.id }).then(
    (r) =>
      r.cancelled
        ? toast('ok', `Job ${job.id} cancelled (now ${r.state})`)
        : toast('error', `Job ${job.id} is still running: its task does not stop on its abort signal`),
    (err) => toast('error', `Cancel failed: ${errorMessage(err)}`),
  );
}

/** Retry, promote, remove and "edit and re-enqueue" for the open job, each saying what it did. */
export function JobActions({ job }: { job: JobDetail }): React.JSX.Element {
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const ref = { ...queueRef(job.queue), id: job.id };
  const run = async (method: JobMethod, done: string | (() => Promise<string>)): Promise<void> => {
    setBusy(true);
    try {
      if (typeof done === 'string') await api.call(method, ref);
      toast('ok', typeof done === 'string' ? done : await done());
    } catch (err) {
      toast('error', `${method} failed: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  const edit = (): void => {
    useCompose.getState().loadDraft(jobToDraft(job));
    useNavigation.getState().go('compose');
  };
  const engine = job.engine ?? 'bullmq';
  // Celery and legacy Bull re-run only failed jobs; Celery removes only waiting ones and revokes the others.
  const celery = engine === 'celery';
  const finished = engineRetries(engine, job.state);
  // A scheduler's next run cannot be removed alone (BullMQ refuses: the schedule would stop); its scheduler can.
  const schedulerRun = job.scheduler && !['completed', 'failed', 'active'].includes(job.state);
  const canRemove = engineCan(engine, 'remove') && (!celery || job.state === 'waiting') && !schedulerRun;
  const canCancel = engineCan(engine, 'cancel') && job.state === 'active';
  const canRevoke = engineCan(engine, 'revoke') && ['waiting', 'active', 'delayed'].includes(job.state);
  return (
    <div className="row job-actions">
      {finished && (
        <button
          disabled={busy}
          onClick={() =>
            void run('jobs.retry', async () =>
              retryToastText(job.id, (await api.call('jobs.retry', ref)).state),
            )
          }
          data-testid="job-retry"
        >
          Retry
        </button>
      )}
      {canRevoke && (
        <button
          disabled={busy}
          onClick={() => void run('jobs.revoke', `Task ${job.id} revoked`)}
          data-testid="job-revoke"
        >
          Revoke
        </button>
      )}
      {canCancel && (
        <button
          disabled={busy}
          data-testid="job-cancel"
          onClick={() =>
            setConfirm({
              title: 'Cancel running job',
              message: `Stop job ${job.id} (${job.task}) now? Its task's abort signal fires on the QueueDesk worker running it, and the job fails as "cancelled" without retries. A job on another app's worker cannot be stopped from here.`,
              confirmLabel: 'Cancel the job',
              danger: true,
              onConfirm: () => cancelJob(job),
            })
          }
        >
          Cancel
        </button>
      )}
      {job.state === 'delayed' && engineCan(engine, 'promote') && (
        <button
          disabled={busy}
          onClick={() => void run('jobs.promote', `Job ${job.id} promoted to waiting`)}
          data-testid="job-promote"
        >
          Promote
        </button>
      )}
      <button onClick={edit} data-testid="job-edit">
        Edit and re-enqueue
      </button>
      {canRemove && (
        <button
          className="danger"
          disabled={busy}
          data-testid="job-remove"
          onClick={() =>
            setConfirm({
              title: 'Remove job',
              message: `Remove job ${job.id} (${job.task}) from ${job.queue}? This cannot be undone.`,
              confirmLabel: 'Remove',
              danger: true,
              onConfirm: () => void run('jobs.remove', `Job ${job.id} removed`),
            })
          }
        >
          Remove
        </button>
      )}
      {schedulerRun && (
        <span className="muted" data-testid="job-scheduler-note">
          The next run of scheduler {job.scheduler}: remove or edit the scheduler (Schedulers tab) to change
          it.
        </span>
      )}
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </div>
  );
}
