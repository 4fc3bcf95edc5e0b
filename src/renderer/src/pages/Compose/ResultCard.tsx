import { jobHref } from '../../stores/queues-route';
import { useCompose } from '../../stores/compose';

/** Progress of a bulk enqueue, then what was enqueued with a link that opens it live in the Queues panel. */
export function ResultCard(): React.JSX.Element | null {
  const { progress, result, sendError, busy } = useCompose();
  if (!progress && !result && !sendError) return null;
  const pct = progress ? Math.round((progress.added / Math.max(1, progress.total)) * 100) : 0;
  return (
    <div className="card result" data-testid="compose-result">
      {progress && (
        <>
          <div className="progress" data-testid="copies-progress">
            <div style={{ width: `${pct}%` }} />
            <span>
              {progress.added.toLocaleString()} / {progress.total.toLocaleString()}
            </span>
          </div>
          {busy && <p className="muted">Enqueueing…</p>}
        </>
      )}
      {result && (
        <p className="ok-text">
          {result.summary}.{' '}
          <a href={jobHref(result.queue, result.id)} data-testid="open-job">
            Open {result.queue}/{result.id} in Queues →
          </a>
        </p>
      )}
      {sendError && (
        <p className="error-text" data-testid="send-error">
          {sendError}
        </p>
      )}
    </div>
  );
}
