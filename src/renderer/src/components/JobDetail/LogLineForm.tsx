import { useState } from 'react';
import type { JobDetail } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { useJobDetail } from '../../stores/jobs-detail';
import { queueRef } from '../../stores/queues';
import { toast } from '../Toast/toast-store';

/** Appends a note to the job's log (BullMQ's job.log), e.g. what was checked by hand. */
export function LogLineForm({ job }: { job: JobDetail }): React.JSX.Element {
  const [line, setLine] = useState('');
  const add = async (): Promise<void> => {
    if (!line.trim()) return;
    try {
      await api.call('jobs.addLog', { ...queueRef(job.queue), id: job.id, line: line.trim() });
      setLine('');
      void useJobDetail.getState().load(job.queue, job.id);
    } catch (err) {
      toast('error', `Could not add the line: ${errorMessage(err)}`);
    }
  };
  return (
    <form className="row log-line-form" onSubmit={(e) => (e.preventDefault(), void add())}>
      <input
        value={line}
        onChange={(e) => setLine(e.target.value)}
        placeholder="Add a line to the log…"
        maxLength={10_000}
        data-testid="job-log-input"
      />
      <button type="submit" disabled={!line.trim()} data-testid="job-log-add">
        Add
      </button>
    </form>
  );
}
