import { useState } from 'react';
import type { JobDetail, Params } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { useJobDetail } from '../../stores/jobs-detail';
import { queueRef } from '../../stores/queues';
import { JsonEditor } from '../JsonEditor/JsonEditor';
import { toast } from '../Toast/toast-store';

/** States in which a job has not started and can be changed where it is. */
export const EDITABLE_STATES = ['waiting', 'prioritized', 'delayed', 'paused', 'waiting-children'];

/**
 * Changes a job that has not started, in place: its data, priority and (delayed) delay. Only the fields the
 * user changed are sent; the server refuses a job that started meanwhile.
 */
export function EditInPlace({ job, onDone }: { job: JobDetail; onDone(): void }): React.JSX.Element {
  const [dataJson, setDataJson] = useState(JSON.stringify(job.args, null, 2));
  const [priority, setPriority] = useState(String(job.priority || ''));
  const [delaySec, setDelaySec] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const delayed = job.state === 'delayed';
  const save = async (): Promise<void> => {
    const patch: Partial<Params<'jobs.update'>> = {};
    if (dataJson.trim() !== JSON.stringify(job.args, null, 2)) patch.dataJson = dataJson;
    if (priority.trim() !== String(job.priority || '')) {
      const p = priority.trim() === '' ? 0 : Number(priority);
      if (!Number.isInteger(p) || p < 0)
        return setError('priority: a whole number (1 is the highest), or blank');
      patch.priority = p;
    }
    if (delayed && delaySec.trim() !== '') {
      const s = Number(delaySec);
      if (!Number.isFinite(s) || s < 0) return setError('delay: seconds from now, 0 or more');
      patch.delayMs = Math.round(s * 1000);
    }
    if (Object.keys(patch).length === 0) return setError('nothing changed');
    setBusy(true);
    try {
      await api.call('jobs.update', { ...queueRef(job.queue), id: job.id, ...patch });
      toast('ok', `Job ${job.id} changed`);
      void useJobDetail.getState().load(job.queue, job.id);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="detail-section edit-in-place"
      onSubmit={(e) => (e.preventDefault(), void save())}
      data-testid="job-edit-in-place"
    >
      <h3>Edit in place</h3>
      <JsonEditor
        value={dataJson}
        onChange={(t) => (setDataJson(t), setError(null))}
        label="Job data"
        height="90px"
        testId="job-edit-data"
      />
      <div className="row">
        <label className="field">
          <span className="field-label">Priority</span>
          <input
            value={priority}
            onChange={(e) => (setPriority(e.target.value), setError(null))}
            placeholder="none"
            data-testid="job-edit-priority"
          />
        </label>
        {delayed && (
          <label className="field">
            <span className="field-label">Run in (s from now)</span>
            <input
              value={delaySec}
              onChange={(e) => (setDelaySec(e.target.value), setError(null))}
              placeholder="unchanged"
              data-testid="job-edit-delay"
            />
          </label>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert" data-testid="job-edit-error">
          {error}
        </p>
      )}
      <div className="row">
        <span className="grow" />
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid="job-edit-save">
          Save changes
        </button>
      </div>
    </form>
  );
}
