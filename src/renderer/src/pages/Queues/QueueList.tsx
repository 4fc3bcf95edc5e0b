import { useState } from 'react';
import { QueuePrefix, type EngineName } from '../../../../shared/contract';
import { countText, sumKnown } from '../../components/Counts/count-text';
import { Sparkline } from '../../components/Sparkline/Sparkline';
import { sparkKey, useMetrics } from '../../stores/metrics';
import { isRouted, useQueues } from '../../stores/queues';
import { useQueuesRoute } from '../../stores/queues-route';

/** The tag a queue card shows for engines other than BullMQ, and what it means. */
const ENGINE_TAGS: Record<EngineName, { text: string; title: string }> = {
  bullmq: { text: 'bullmq', title: 'a BullMQ queue' },
  celery: { text: 'celery', title: 'a Celery queue on its Redis broker' },
  bull: { text: 'bull v4', title: 'a legacy Bull (v3/v4) queue: no flows, schedulers or cancelling' },
};

function PrefixField(): React.JSX.Element {
  const { prefix, setPrefix } = useQueues();
  const [text, setText] = useState(prefix);
  const [error, setError] = useState<string | null>(null);
  const apply = (): void => {
    const r = QueuePrefix.safeParse(text.trim());
    setError(r.success ? null : (r.error.issues[0]?.message ?? 'bad prefix'));
    if (r.success && r.data !== prefix) setPrefix(r.data);
  };
  return (
    <form className="prefix-field" onSubmit={(e) => (e.preventDefault(), apply())} noValidate>
      <label>
        Key prefix
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={apply}
          className="mono"
          data-testid="queue-prefix"
        />
      </label>
      {error && <span className="field-error">{error}</span>}
    </form>
  );
}

/** Finding queues walks every key, so on a big keyspace the host does it slowly unless asked here. */
function RescanButton(): React.JSX.Element {
  const { rescan, rescanning } = useQueues();
  return (
    <button
      className="rescan"
      onClick={() => void rescan()}
      disabled={rescanning}
      title="Look through every key for queues created elsewhere now (on a big Redis the app otherwise looks slowly in the background, to keep its load low)"
      data-testid="queues-rescan"
    >
      {rescanning ? 'Looking for queues…' : 'Look for new queues'}
    </button>
  );
}

/** Every queue under the prefix with live counts, paused state, workers and a throughput sparkline. */
export function QueueList(): React.JSX.Element {
  const { queues, loaded, error, prefix } = useQueues();
  const throughput = useMetrics((s) => s.throughput);
  const { queue: selected, engine, selectQueue } = useQueuesRoute();
  return (
    <nav className="queue-list" aria-label="Queues">
      <PrefixField />
      <RescanButton />
      {error && <p className="error-text">{error}</p>}
      {loaded && !error && queues.length === 0 && (
        <p className="muted empty" data-testid="queues-empty">
          No queues under <code>{prefix}</code> yet. Enqueue a task from <a href="#/compose">Compose</a> and
          it shows up here.
        </p>
      )}
      <ul>
        {queues.map((q) => (
          <li key={`${q.engine}:${q.name}`}>
            <button
              className={`queue-item${isRouted(q, selected, engine) ? ' selected' : ''}`}
              onClick={() => selectQueue(q.name, q.engine)}
              data-testid="queue-item"
              data-queue={q.name}
              data-engine={q.engine}
            >
              <span className="queue-name">
                {q.name}
                {q.paused && <span className="queue-tag warn">paused</span>}
                {q.engine !== 'bullmq' && (
                  <span className="queue-tag" data-testid="engine-tag" title={ENGINE_TAGS[q.engine].title}>
                    {ENGINE_TAGS[q.engine].text}
                  </span>
                )}
              </span>
              <Sparkline
                values={throughput[sparkKey(q.engine, q.name)] ?? []}
                label={`${q.name}: jobs finished per 10 s`}
                per="10 s"
                window="5 min"
              />
              <span className="queue-counts">
                <span title="waiting">
                  {sumKnown(q.counts.waiting, q.counts.prioritized, q.counts.paused)} waiting
                </span>
                <span title="active" className="c-active">
                  {countText(q.counts.active)} active
                </span>
                {q.counts.failed !== null && (
                  <span title="failed" className={q.counts.failed ? 'c-failed' : ''}>
                    {countText(q.counts.failed)} failed
                  </span>
                )}
              </span>
              <span
                className="queue-workers muted"
                data-testid="queue-workers"
                title={
                  q.workers === null ? 'not known yet: no worker has answered remote control' : undefined
                }
              >
                {q.workers === null ? 'workers: —' : `${q.workers} worker${q.workers === 1 ? '' : 's'}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
