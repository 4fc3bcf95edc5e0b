import type { BullJobInfo } from '../../../../shared/contract';

/** A BullMQ job hash read as a job: its state, name, data and options parsed. */
export function BullJobPanel({ job }: { job: BullJobInfo }): React.JSX.Element {
  const f = job.fields;
  return (
    <div className="decoded" data-testid="bull-job">
      <div className="decoded-title">
        BullMQ job <b>{job.name}</b> · queue <b>{job.queue}</b> · id <span className="mono">{job.id}</span> ·{' '}
        <span className={`job-state state-${job.state}`}>{job.state}</span>
      </div>
      <dl>
        <dt>data</dt>
        <dd className="mono">{JSON.stringify(job.data, null, 2)}</dd>
        <dt>opts</dt>
        <dd className="mono">{JSON.stringify(job.opts)}</dd>
        {f.attemptsMade !== undefined && (
          <>
            <dt>attempts</dt>
            <dd>{f.attemptsMade}</dd>
          </>
        )}
        {f.timestamp && (
          <>
            <dt>created</dt>
            <dd>{new Date(Number(f.timestamp)).toLocaleString()}</dd>
          </>
        )}
        {f.failedReason && (
          <>
            <dt>failed</dt>
            <dd className="error-text">{f.failedReason}</dd>
          </>
        )}
        {f.returnvalue && (
          <>
            <dt>returned</dt>
            <dd className="mono">{f.returnvalue}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
