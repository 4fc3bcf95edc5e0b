import { useState } from 'react';
import type { EngineName } from '../../../../shared/contract';
import { useMetricsSync } from '../../stores/metrics';
import { engineCan, isRouted, useQueues, useQueuesSync } from '../../stores/queues';
import { useQueuesRoute } from '../../stores/queues-route';
import { CeleryHistory } from './CeleryHistory';
import { CeleryWorkers } from './CeleryWorkers';
import { JobsPane } from './JobsPane';
import { MetricsPanel } from './MetricsPanel';
import { QueueHeader } from './QueueHeader';
import { QueueList } from './QueueList';
import { QueueLimitsBar } from './limits/QueueLimitsBar';
import { SchedulersPanel } from './schedulers/SchedulersPanel';
import { SearchAllPanel } from './insights/SearchAllPanel';
import { TaskStatsPanel } from './insights/TaskStatsPanel';
import { StateTabs } from './StateTabs';
import './Queues.css';

const VIEWS = ['jobs', 'schedulers', 'stats', 'metrics'] as const;
const VIEW_NAMES = {
  jobs: 'Jobs',
  schedulers: 'Schedulers',
  stats: 'Task stats',
  metrics: 'Metrics',
} as const;
/** Schedulers where the engine has them; task statistics come from BullMQ's finished sets. */
function hasView(engine: EngineName, view: (typeof VIEWS)[number]): boolean {
  if (view === 'schedulers') return engineCan(engine, 'schedulers');
  if (view === 'stats') return engine === 'bullmq';
  return true;
}

function QueueView({ queue }: { queue: string }): React.JSX.Element {
  const engine = useQueuesRoute((s) => s.engine);
  const summary = useQueues((s) => s.queues.find((q) => isRouted(q, queue, engine)));
  const loaded = useQueues((s) => s.loaded);
  const { state, setState } = useQueuesRoute();
  const [view, setView] = useState<(typeof VIEWS)[number]>('jobs');
  if (!summary)
    return (
      <div className="queue-view">
        <h1>{queue}</h1>
        <p className="muted" data-testid="queue-missing">
          {loaded
            ? `No queue named ${queue} under this prefix (yet). Jobs added to it will show here.`
            : 'Loading…'}
        </p>
        <JobsPane queue={queue} />
      </div>
    );
  return (
    <div className="queue-view">
      <QueueHeader q={summary} />
      {summary.engine === 'celery' && <CeleryWorkers queue={queue} />}
      {engineCan(summary.engine, 'limits') && <QueueLimitsBar queue={queue} />}
      <div className="row view-switch" role="tablist">
        {VIEWS.filter((v) => hasView(summary.engine, v)).map((v) => (
          <button
            key={v}
            role="tab"
            aria-selected={view === v}
            className={view === v ? 'selected' : ''}
            onClick={() => setView(v)}
            data-testid={`view-${v}`}
          >
            {VIEW_NAMES[v]}
          </button>
        ))}
      </div>
      {view === 'metrics' ? (
        <MetricsPanel queue={queue} />
      ) : view === 'schedulers' ? (
        <SchedulersPanel queue={queue} />
      ) : view === 'stats' ? (
        <TaskStatsPanel queue={queue} />
      ) : (
        <>
          <StateTabs counts={summary.counts} state={state} onChange={setState} />
          <JobsPane queue={queue} />
          {summary.engine === 'celery' && <CeleryHistory queue={queue} />}
        </>
      )}
    </div>
  );
}

export function QueuesPage(): React.JSX.Element {
  useQueuesSync();
  const queue = useQueuesRoute((s) => s.queue);
  const engine = useQueuesRoute((s) => s.engine);
  useMetricsSync(queue);
  return (
    <section className="queues-page">
      <QueueList />
      <div className="queue-main">
        {queue ? (
          <QueueView key={`${engine ?? ''}:${queue}`} queue={queue} />
        ) : (
          <div className="queue-view">
            <h1>Queues</h1>
            <p className="muted">
              Pick a queue on the left to see its jobs, act on them and watch its metrics.
            </p>
            <ol className="card getting-started" data-testid="getting-started">
              <li>
                <a href="#/compose">Compose</a> a task (try <code>demo.sleep</code>) and enqueue it to a
                queue.
              </li>
              <li>
                Start a worker on that queue, from the Compose result or <a href="#/processes">Processes</a>.
              </li>
              <li>Open the queue here and watch the job go from waiting to active to completed.</li>
            </ol>
            <SearchAllPanel />
            <SchedulersPanel queue={null} />
            <TaskStatsPanel queue={null} />
          </div>
        )}
      </div>
    </section>
  );
}
