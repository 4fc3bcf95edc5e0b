import type { JobDetail } from '../../../../shared/contract';
import { clock, duration } from './format';

/** Created / started / finished, with the wait (due → started) and run (started → finished) between them. */
export function Timings({ job }: { job: JobDetail }): React.JSX.Element {
  const t = job.timestamps;
  const due = t.due ?? t.created;
  const wait = t.processed && due ? t.processed - due : null;
  const run = t.processed && t.finished ? t.finished - t.processed : null;
  return (
    <dl className="facts detail-facts" data-testid="job-timings">
      <dt>Created</dt>
      <dd>{clock(t.created)}</dd>
      {t.due && t.due !== t.created ? (
        <>
          <dt>Due</dt>
          <dd>{clock(t.due)}</dd>
        </>
      ) : null}
      <dt>Started</dt>
      <dd>{clock(t.processed)}</dd>
      <dt>Finished</dt>
      <dd data-testid="job-finished">{clock(t.finished)}</dd>
      <dt>Waited</dt>
      <dd data-testid="job-wait">{duration(wait)}</dd>
      <dt>Ran</dt>
      <dd data-testid="job-run">{duration(run)}</dd>
      {job.expiresAt ? (
        <>
          <dt>Expires</dt>
          <dd>{clock(job.expiresAt)}</dd>
        </>
      ) : null}
    </dl>
  );
}
