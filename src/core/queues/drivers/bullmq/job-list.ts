import type { Job, JobType, Queue } from 'bullmq';
import type { JobPage, ListableState } from '../../../../shared/contract/queues';
import type { JobQuery } from '../../driver';
import { searchPages } from '../../paged-search';
import { argsText, toJobSummary } from './job-dto';

/** BullMQ's list for a state; `waiting` and `paused` share the wait list (see counts.ts). */
function sourceOf(state: ListableState, paused: boolean): JobType | null {
  if (state === 'waiting') return paused ? null : 'wait';
  if (state === 'paused') return paused ? 'wait' : null;
  return state;
}

export async function listJobs(queue: Queue, query: JobQuery): Promise<JobPage> {
  const source = sourceOf(query.state, await queue.isPaused());
  if (!source) return { jobs: [], total: 0 };
  if (query.search?.trim()) return searchJobs(queue, source, query);
  const asc = query.order === 'oldest';
  const [jobs, total] = await Promise.all([
    queue.getJobs([source], query.offset, query.offset + query.limit - 1, asc),
    queue.getJobCountByTypes(source),
  ]);
  return { jobs: present(jobs).map((j) => toJobSummary(j, query.state)), total };
}

async function searchJobs(queue: Queue, source: JobType, query: JobQuery): Promise<JobPage> {
  const needle = (query.search ?? '').trim().toLowerCase();
  const asc = query.order === 'oldest';
  const found = await searchPages(
    (start, end) => queue.getJobs([source], start, end, asc),
    (job) => matchesSearch(job, needle),
    query.offset,
    query.limit,
  );
  const out: JobPage = { jobs: found.jobs.map((j) => toJobSummary(j, query.state)), total: found.total };
  if (found.truncated) out.truncated = true;
  return out;
}

export function matchesSearch(job: Job, needle: string): boolean {
  return (
    String(job.id).toLowerCase().includes(needle) ||
    job.name.toLowerCase().includes(needle) ||
    argsText(job.data).toLowerCase().includes(needle)
  );
}

/** getJobs leaves holes for jobs removed while it read. */
function present(jobs: Array<Job | undefined>): Job[] {
  return jobs.filter((j): j is Job => j !== undefined && j !== null);
}
