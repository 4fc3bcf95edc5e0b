import { useCallback, useEffect, useRef, useState } from 'react';
import { ListableState, type JobDetail as Job, type JobSummary } from '../../../../shared/contract';
import { JobDetail } from '../../components/JobDetail/JobDetail';
import { JobTable } from '../../components/JobTable/JobTable';
import { useJobs, useJobsSync } from '../../stores/jobs';
import { useJobDetail, useJobDetailSync } from '../../stores/jobs-detail';
import { engineLists } from '../../stores/queues';
import { useQueuesRoute } from '../../stores/queues-route';
import { BulkBar } from './BulkBar';

function SearchBox({ onSearch }: { onSearch(text: string): void }): React.JSX.Element {
  const [text, setText] = useState(useJobs.getState().search);
  useEffect(() => {
    const t = setTimeout(() => onSearch(text), 300);
    return () => clearTimeout(t);
  }, [text, onSearch]);
  return (
    <input
      type="search"
      className="job-search"
      placeholder="Search id, task or args…"
      value={text}
      onChange={(e) => setText(e.target.value)}
      data-testid="job-search"
    />
  );
}

/**
 * A job opened by a link (not from the table) shows its state's tab once, so the table and the detail agree;
 * later moves of the job (active → completed) leave the tab alone.
 */
function useFollowOpenedJob(job: Job | null, rows: JobSummary[]): void {
  const synced = useRef<string | null>(null);
  const setState = useQueuesRoute((s) => s.setState);
  useEffect(() => {
    if (!job || synced.current === job.id) return;
    synced.current = job.id;
    const state = ListableState.safeParse(job.state);
    if (!state.success || rows.some((r) => r.id === job.id)) return;
    if (engineLists(job.engine ?? 'bullmq', state.data)) setState(state.data);
  }, [job, rows, setState]);
}

/** The job table of the selected state beside the open job's detail. */
export function JobsPane({ queue }: { queue: string }): React.JSX.Element {
  const { state, jobId, openJob } = useQueuesRoute();
  const [search, setSearch] = useState('');
  useJobsSync(queue, state, search);
  useJobDetailSync(queue, jobId);
  const { jobs, total, truncated, error, loading, loadMore } = useJobs();
  const detail = useJobDetail();
  const onEnd = useCallback(() => void loadMore(), [loadMore]);
  const shown = detail.queue === queue && detail.id === jobId ? detail : null;
  useFollowOpenedJob(shown?.detail ?? null, jobs);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => setChecked(new Set()), [queue, state, search]);
  const onCheck = useCallback(
    (id: string, on: boolean) =>
      setChecked((prev) => {
        const next = new Set(prev);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const allShown = jobs.length > 0 && jobs.every((j) => checked.has(j.id));
  return (
    <div className="jobs-pane">
      <div className="jobs-list">
        <div className="row jobs-toolbar">
          <input
            type="checkbox"
            checked={allShown}
            disabled={jobs.length === 0}
            onChange={(e) => setChecked(e.target.checked ? new Set(jobs.map((j) => j.id)) : new Set())}
            aria-label="Select the jobs shown"
            title="Select the jobs shown"
            data-testid="jobs-check-shown"
          />
          <SearchBox onSearch={setSearch} />
          <span className="muted" data-testid="jobs-total">
            {search.trim()
              ? `${total.toLocaleString()} match${total === 1 ? '' : 'es'}${truncated ? ' (search stopped early)' : ''}`
              : `${total.toLocaleString()} ${state}`}
          </span>
        </div>
        <BulkBar
          queue={queue}
          state={state}
          search={search}
          checked={checked}
          total={total}
          onDone={() => setChecked(new Set())}
        />
        {error && <p className="error-text">{error}</p>}
        {!loading && !error && jobs.length === 0 ? (
          <p className="muted empty" data-testid="jobs-empty">
            {search.trim() ? 'No job matches the search.' : `No ${state} jobs.`}
          </p>
        ) : (
          <JobTable
            jobs={jobs}
            total={total}
            selectedId={jobId}
            onOpen={openJob}
            onEnd={onEnd}
            checked={checked}
            onCheck={onCheck}
          />
        )}
      </div>
      {jobId && (
        <div className="jobs-detail">
          {shown?.detail ? (
            <JobDetail job={shown.detail} onClose={() => openJob(null)} />
          ) : (
            <div className="card job-detail">
              <p className={shown?.error ? 'error-text' : 'muted'} data-testid="job-detail-status">
                {shown?.missing ? `Job ${jobId} is gone (removed or cleaned).` : (shown?.error ?? 'Loading…')}
              </p>
              <button onClick={() => openJob(null)}>Close</button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
