import { useState } from 'react';
import type { JobDetail, MethodName } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { useCompose } from '../../stores/compose';
import { useNavigation } from '../../stores/navigation';
import { useQueues } from '../../stores/queues';
import { ConfirmDialog, type ConfirmRequest } from '../ConfirmDialog/ConfirmDialog';
import { toast } from '../Toast/toast-store';
import { jobToDraft } from './job-to-draft';

type JobMethod = Extract<MethodName, 'jobs.retry' | 'jobs.promote' | 'jobs.remove'>;

/** Retry, promote, remove and "edit and re-enqueue" for the open job, each saying what it did. */
export function JobActions({ job }: { job: JobDetail }): React.JSX.Element {
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (method: JobMethod, done: string): Promise<void> => {
    setBusy(true);
    try {
      await api.call(method, { queue: job.queue, id: job.id, prefix: useQueues.getState().prefix });
      toast('ok', done);
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
  const finished = job.state === 'failed' || job.state === 'completed';
  return (
    <div className="row job-actions">
      {finished && (
        <button
          disabled={busy}
          onClick={() => void run('jobs.retry', `Job ${job.id} is waiting again`)}
          data-testid="job-retry"
        >
          Retry
        </button>
      )}
      {job.state === 'delayed' && (
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
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </div>
  );
}
