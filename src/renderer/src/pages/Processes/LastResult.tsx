import { useEffect, useState } from 'react';
import type { JobEvent, JobSummary, Schedule } from '../../../../shared/contract';
import { api } from '../../api';
import { StateBadge } from '../../components/JobDetail/StateBadge';
import { jobHref } from '../../stores/queues-route';
import { useQueues } from '../../stores/queues';

const LOOKED_UP = ['completed', 'failed', 'active', 'waiting', 'delayed'] as const;

/** The newest job of a schedule's runs: beat names its jobs `beat-<schedule>-<due>`. */
async function lastRunJob(s: Schedule, prefix: string): Promise<JobSummary | null> {
  const search = `beat-${s.id}-`;
  const pages = await Promise.all(
    LOOKED_UP.map((state) =>
      api.call('jobs.list', { queue: s.queue, prefix, engine: 'bullmq', state, search, limit: 1 }),
    ),
  );
  const jobs = pages.flatMap((p) => p.jobs);
  return jobs.sort((a, b) => (b.timestamps.created ?? 0) - (a.timestamps.created ?? 0))[0] ?? null;
}

/** The job's state as the latest event about it says (`progress` and `stalled` leave it as it was). */
function followed(job: JobSummary, events: JobEvent[], prefix: string): JobSummary {
  let state = job.state;
  for (const e of events) {
    if (e.queue !== job.queue || e.id !== job.id || e.prefix !== prefix) continue;
    if (e.kind !== 'progress' && e.kind !== 'stalled' && e.kind !== 'removed') state = e.kind;
  }
  return state === job.state ? job : { ...job, state };
}

/**
 * The job of the schedule's latest run and how it ended: looked up again each time the schedule fires, then
 * kept current from the live job events the Queues feed already carries (no polling of its own).
 */
export function LastResult({ s }: { s: Schedule }): React.JSX.Element {
  const [job, setJob] = useState<JobSummary | null>(null);
  useEffect(() => {
    // Celery keeps no list of finished tasks to search; its ticks are found in the Queues panel by id.
    if (!s.lastRunAt || s.engine !== 'bullmq') return;
    let live = true;
    const prefix = useQueues.getState().prefix;
    // Events that arrive during the lookup may be older or newer than what it reads: only an ending is kept.
    let during: JobEvent[] | null = [];
    const off = api.on('queues.events', ({ events }) => {
      if (during) during.push(...events.filter((e) => e.kind === 'completed' || e.kind === 'failed'));
      else setJob((current) => (current ? followed(current, events, prefix) : current));
    });
    lastRunJob(s, prefix)
      .then(
        (found) => live && setJob(found && followed(found, during ?? [], prefix)),
        () => live && setJob(null),
      )
      .finally(() => (during = null));
    return () => {
      live = false;
      off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- looked up again when the schedule fires, not on every edit
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
