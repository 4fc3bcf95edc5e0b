import { useState } from 'react';
import type { JobDetail as Job } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { engineCan, queueRef } from '../../stores/queues';
import { toast } from '../Toast/toast-store';
import { EDITABLE_STATES, EditInPlace } from './EditInPlace';
import { LogLineForm } from './LogLineForm';
import { CeleryFacts } from './CeleryFacts';
import { attemptText, pretty, progressPercent } from './format';
import { JobActions } from './JobActions';
import { JobTree } from './JobTree';
import { StateBadge } from './StateBadge';
import { Timings } from './Timings';
import './JobDetail.css';

function Json({
  title,
  value,
  testId,
}: {
  title: string;
  value: unknown;
  testId?: string;
}): React.JSX.Element {
  return (
    <section className="detail-section">
      <h3>{title}</h3>
      <pre className="json" data-testid={testId}>
        {pretty(value)}
      </pre>
    </section>
  );
}

/** Everything about one job: state, progress, timings, data, options, result or failure, logs and its flow. */
/** Frees the job's deduplication id: the next add with it makes a new job instead of being ignored. */
function freeDeduplication(job: Job): void {
  if (!job.deduplicationId) return;
  const id = job.deduplicationId;
  api.call('jobs.removeDeduplication', { ...queueRef(job.queue), deduplicationId: id }).then(
    ({ removed }) =>
      toast('ok', removed ? `Deduplication id ${id} freed` : `${id} was no longer held by this job`),
    (err) => toast('error', errorMessage(err)),
  );
}

export function JobDetail({ job, onClose }: { job: Job; onClose(): void }): React.JSX.Element {
  const pct = progressPercent(job.progress);
  const [editing, setEditing] = useState(false);
  const editable = engineCan(job.engine ?? 'bullmq', 'edit');
  return (
    <aside className="job-detail card" data-testid="job-detail" data-job-id={job.id}>
      <header className="jd-head">
        <div>
          <h2>
            {job.task} <span className="mono muted">#{job.id}</span>
          </h2>
          <div className="row detail-meta">
            <StateBadge state={job.state} />
            <span data-testid="job-attempts">{attemptText(job)}</span>
            {job.priority ? <span>priority {job.priority}</span> : null}
            {job.deduplicationId && (
              <span data-testid="job-dedup">
                dedup <code>{job.deduplicationId}</code>{' '}
                <button className="small" onClick={() => freeDeduplication(job)} data-testid="job-dedup-free">
                  Free
                </button>
              </span>
            )}
          </div>
        </div>
        <button aria-label="Close job" onClick={onClose}>
          ×
        </button>
      </header>
      <JobActions job={job} />
      {editable && EDITABLE_STATES.includes(job.state) && !editing && (
        <button className="edit-open" onClick={() => setEditing(true)} data-testid="job-edit-open">
          Edit in place…
        </button>
      )}
      {editing && EDITABLE_STATES.includes(job.state) && (
        <EditInPlace key={job.id} job={job} onDone={() => setEditing(false)} />
      )}
      {pct !== null && (
        <div className="progress" title={`${pct}%`} data-testid="job-progress">
          <div style={{ width: `${pct}%` }} />
          <span>{pct}%</span>
        </div>
      )}
      <Timings job={job} />
      {job.celery && <CeleryFacts info={job.celery} />}
      {job.failedReason && (
        <section className="detail-section failure" data-testid="job-failure">
          <h3>Failure</h3>
          <p className="error-text" data-testid="job-failed-reason">
            {job.failedReason}
          </p>
          {job.stacktrace.length > 0 && <pre className="json stack">{job.stacktrace.at(-1)}</pre>}
        </section>
      )}
      {job.state === 'completed' && <Json title="Return value" value={job.returnValue} testId="job-return" />}
      <JobTree job={job} />
      <Json title="Args" value={job.args} testId="job-args" />
      <Json title="Options" value={job.options} />
      <section className="detail-section">
        <h3>Logs {job.logCount > job.logs.length ? `(last ${job.logs.length} of ${job.logCount})` : ''}</h3>
        {job.logs.length ? (
          <pre className="json logs" data-testid="job-logs">
            {job.logs.join('\n')}
          </pre>
        ) : (
          <p className="muted">No log lines.</p>
        )}
        {editable && <LogLineForm job={job} />}
      </section>
    </aside>
  );
}
