import type { JobDetail } from '../../../../shared/contract';
import { clock, duration, waitMs } from './format';

/**
 * Created / retried / started / finished, with the wait (latest enqueue → started) and the run (started →
 * finished) between them.
 */
export function Timings({ job }: { job: JobDetail }): React.JSX.Element {
  const t = job.timestamps;
  const wait = waitMs(t);
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
      {t.retried ? (
        <>
          <dt>Retried</dt>
          <dd data-testid="job-retried">{clock(t.retried)}</dd>
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
