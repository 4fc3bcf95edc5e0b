import { useEffect, useState } from 'react';
import type { JobSummary, Schedule } from '../../../../shared/contract';
import { api } from '../../api';
import { StateBadge } from '../../components/JobDetail/StateBadge';
import { jobHref } from '../../stores/queues-route';
import { useQueues } from '../../stores/queues';

/**
 * The job of the schedule's latest run and how it ended. Beat names its jobs `beat-<schedule>-<due>`, so the
 * newest job with that id prefix is the last run; looked up again each time the schedule fires.
 */
export function LastResult({ s }: { s: Schedule }): React.JSX.Element {
  const [job, setJob] = useState<JobSummary | null>(null);
  useEffect(() => {
    // Celery keeps no list of finished tasks to search; its ticks are found in the Queues panel by id.
    if (!s.lastRunAt || s.engine !== 'bullmq') return;
    let live = true;
    const prefix = useQueues.getState().prefix;
    const search = `beat-${s.id}-`;
    const states = ['completed', 'failed', 'active', 'waiting', 'delayed'] as const;
    Promise.all(
      states.map((state) =>
        api.call('jobs.list', { queue: s.queue, prefix, engine: 'bullmq', state, search, limit: 1 }),
      ),
    )
      .then((pages) => {
        const newest = pages
          .flatMap((p) => p.jobs)
          .sort((a, b) => (b.timestamps.created ?? 0) - (a.timestamps.created ?? 0))[0];
        if (live) setJob(newest ?? null);
      })
      .catch(() => live && setJob(null));
    return () => {
      live = false;
    };
  }, [s.id, s.queue, s.engine, s.lastRunAt]);
  if (!s.lastRunAt || !job) return <span className="muted">—</span>;
  return (
    <a
      href={jobHref(job.queue, job.id, 'bullmq')}
      className="last-result"
      title={job.failedReason ?? `job ${job.id}`}
      data-testid="schedule-result"
    >
      <StateBadge state={job.state} />
    </a>
  );
}
