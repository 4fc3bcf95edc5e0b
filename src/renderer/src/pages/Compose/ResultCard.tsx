import { StartWorkerButton } from '../../components/StartWorkerButton/StartWorkerButton';
import { useCompose } from '../../stores/compose';
import { useQueues } from '../../stores/queues';
import { jobHref } from '../../stores/queues-route';

/** Progress of a bulk enqueue, then what was enqueued with a link that opens it live in the Queues panel. */
export function ResultCard(): React.JSX.Element | null {
  const { progress, result, sendError, busy } = useCompose();
  const workers = useQueues(
    (s) => s.queues.find((q) => q.name === result?.queue && q.engine === result.engine)?.workers,
  );
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
          <a href={jobHref(result.queue, result.id, result.engine)} data-testid="open-job">
            Open {result.queue}/{result.id} in Queues →
          </a>
        </p>
      )}
      {result && workers === 0 && (
        <div className="row no-worker" data-testid="no-worker">
          <span className="muted">No worker consumes {result.queue} yet, so the job waits.</span>
          {/* QueueDesk's own workers run BullMQ jobs only. */}
          {result.engine === 'bullmq' && <StartWorkerButton queue={result.queue} />}
        </div>
      )}
      {sendError && (
        <p className="error-text" data-testid="send-error">
          {sendError}
        </p>
      )}
    </div>
  );
}
