import { useCallback, useEffect, useState } from 'react';
import type { ControlReply, WorkerSummary } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { useQueues } from '../../stores/queues';

/** How often and how long the list is re-read after a pool resize, until it shows the new size. */
const RE_READS = 10;
const RE_READ_MS = 300;

/** What the workers answered an act, one line per node. */
function replyText(replies: ControlReply[]): string {
  return replies.map((r) => `${r.hostname}: ${r.ok ? '' : 'error: '}${r.message}`).join('; ');
}

/** A Celery queue's workers (remote control), each pool grown or shrunk in place, and task rate limits. */
export function CeleryWorkers({ queue }: { queue: string }): React.JSX.Element {
  const prefix = useQueues((s) => s.prefix);
  const ref = { queue, prefix, engine: 'celery' as const };
  const [workers, setWorkers] = useState<WorkerSummary[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [task, setTask] = useState('');
  const [rate, setRate] = useState('');
  const load = useCallback(async (): Promise<WorkerSummary[]> => {
    try {
      const rows = await api.call('queues.workers', { queue, prefix, engine: 'celery' });
      setWorkers(rows);
      return rows;
    } catch (err) {
      setNote({ text: errorMessage(err), error: true });
      return [];
    }
  }, [queue, prefix]);
  useEffect(() => void load(), [load]);
  /** `settled` says when a re-read shows the act done: a pool answers before it has forked or reaped a child. */
  const act = async (
    call: () => Promise<{ replies: ControlReply[] }>,
    settled: (rows: WorkerSummary[]) => boolean = () => true,
  ): Promise<void> => {
    setBusy(true);
    try {
      setNote({ text: replyText((await call()).replies), error: false });
      for (let tries = 0; tries < RE_READS && !settled(await load()); tries++)
        await new Promise((r) => setTimeout(r, RE_READ_MS));
    } catch (err) {
      setNote({ text: errorMessage(err), error: true });
    } finally {
      setBusy(false);
    }
  };
  const resize = (w: WorkerSummary, delta: number) => () => {
    const hostname = w.hostname ?? w.name;
    const target = (w.concurrency ?? 0) + delta;
    void act(
      () => api.call('workers.poolResize', { ...ref, hostname, delta }),
      (rows) => rows.find((r) => r.name === w.name)?.concurrency === target,
    );
  };
  return (
    <section className="card celery-workers" data-testid="celery-workers">
      <h3>Workers</h3>
      {workers === null && <p className="muted">Asking the workers…</p>}
      {workers?.length === 0 && <p className="muted">No worker consumes this queue right now.</p>}
      <ul>
        {workers?.map((w) => (
          <li key={w.name} className="row" data-testid="celery-worker" data-hostname={w.hostname ?? w.name}>
            <span className="mono">{w.hostname ?? w.name}</span>
            <span className="muted">{w.pool ?? 'pool ?'}</span>
            <span data-testid="celery-concurrency">{w.concurrency ?? '?'}</span>
            <span className="muted">processes</span>
            <button
              disabled={busy}
              onClick={resize(w, -1)}
              title="Shrink the pool by one process"
              data-testid="pool-shrink"
            >
              −
            </button>
            <button
              disabled={busy}
              onClick={resize(w, 1)}
              title="Grow the pool by one process"
              data-testid="pool-grow"
            >
              +
            </button>
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => api.call('tasks.rateLimit', { ...ref, task, rate }));
        }}
      >
        <input
          placeholder="task name"
          value={task}
          onChange={(e) => setTask(e.target.value)}
          data-testid="rate-task"
        />
        <input
          placeholder="10/m (0 = none)"
          value={rate}
          onChange={(e) => setRate(e.target.value)}
          data-testid="rate-value"
        />
        <button disabled={busy || !task || !rate} data-testid="rate-set">
          Set rate limit
        </button>
      </form>
      {note && (
        <p className={note.error ? 'error-text' : 'muted'} data-testid="celery-workers-note">
          {note.text}
        </p>
      )}
    </section>
  );
}
