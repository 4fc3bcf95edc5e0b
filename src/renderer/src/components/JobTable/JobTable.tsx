import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { JobSummary } from '../../../../shared/contract';
import { clock, progressPercent } from '../JobDetail/format';
import './JobTable.css';

const ROW = 34;

/** Jobs of one queue and state, newest first; only visible rows are in the DOM, the next page loads at the end. */
export function JobTable({
  jobs,
  total,
  selectedId,
  onOpen,
  onEnd,
  checked,
  onCheck,
}: {
  jobs: JobSummary[];
  total: number;
  selectedId: string | null;
  onOpen(id: string): void;
  onEnd(): void;
  /** Jobs ticked for a bulk action; no boxes without it. */
  checked?: ReadonlySet<string>;
  onCheck?(id: string, on: boolean): void;
}): React.JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: jobs.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 10,
  });
  const items = virtual.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (jobs.length && lastIndex >= jobs.length - 5 && jobs.length < total) onEnd();
  }, [lastIndex, jobs.length, total, onEnd]);
  return (
    <div className="job-table" role="table" aria-label="Jobs">
      <div className="job-row head" role="row">
        <span>Id</span>
        <span>Task</span>
        <span>Args</span>
        <span>Attempts</span>
        <span>Created</span>
      </div>
      <div className="job-scroll" ref={scroller} data-testid="job-table">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const job = jobs[item.index] as JobSummary;
            const pct = progressPercent(job.progress);
            return (
              <div
                key={job.id}
                role="row"
                className={`job-row${job.id === selectedId ? ' selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW }}
                onClick={() => onOpen(job.id)}
                data-testid="job-row"
                data-job-id={job.id}
              >
                <span className="mono">
                  {checked && (
                    <input
                      type="checkbox"
                      className="job-check"
                      checked={checked.has(job.id)}
                      aria-label={`Select job ${job.id}`}
                      onClick={(e) => e.stopPropagation()}
                      onChange={(e) => onCheck?.(job.id, e.target.checked)}
                      data-testid="job-check"
                    />
                  )}
                  {job.id}
                </span>
                <span>
                  {job.task}
                  {job.scheduler && (
                    <span className="scheduler-badge" title={`A run of job scheduler ${job.scheduler}`}>
                      {' '}
                      ⟳ {job.scheduler}
                    </span>
                  )}
                </span>
                <span className="mono muted args">{job.argsPreview}</span>
                <span>
                  {job.attemptsMade}/{job.maxAttempts === null ? '—' : Math.max(1, job.maxAttempts)}
                  {pct !== null && job.state === 'active' ? ` · ${pct}%` : ''}
                </span>
                <span className="muted">{clock(job.timestamps.created)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
