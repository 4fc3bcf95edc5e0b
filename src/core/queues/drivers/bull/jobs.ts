import type Bull from 'bull';
import type { JobPage } from '../../../../shared/contract/queues';
import type { JobState } from '../../../../shared/contract/task-model';
import { ApiError } from '../../../../shared/result';
import type { JobQuery } from '../../driver';
import { searchPages } from '../../paged-search';
import { argsText, toJobSummary, toState } from './job-dto';

/** Delayed jobs read per page while cleaning by age. */
const CLEAN_PAGE = 1000;

export async function fetchBullJob(queue: Bull.Queue, id: string): Promise<Bull.Job> {
  const job = await queue.getJob(id);
  if (!job) throw new ApiError('NOT_FOUND', `job "${id}" not found in Bull queue "${queue.name}"`);
  return job;
}

/**
 * The job's hash and its state as of one moment: the state is read on both sides of the hash and again if it
 * moved, so a job retried in between never shows its final state with an earlier attempt's data.
 */
export async function jobWithState(
  queue: Bull.Queue,
  id: string,
): Promise<{ job: Bull.Job; state: JobState }> {
  const probe = await fetchBullJob(queue, id);
  for (let attempt = 1; ; attempt++) {
    const before = toState(await probe.getState());
    const job = await fetchBullJob(queue, id);
    const after = toState(await job.getState());
    if (after === before || attempt === 5) return { job, state: before };
  }
}

function present(jobs: Array<Bull.Job | null | undefined>): Bull.Job[] {
  return jobs.filter((j): j is Bull.Job => j !== undefined && j !== null);
}

export async function listBullJobs(queue: Bull.Queue, query: JobQuery): Promise<JobPage> {
  const type = query.state as Bull.JobStatus;
  const asc = query.order === 'oldest';
  if (query.search?.trim()) return searchBullJobs(queue, type, query);
  const [jobs, total] = await Promise.all([
    queue.getJobs([type], query.offset, query.offset + query.limit - 1, asc),
    queue.getJobCountByTypes([type]),
  ]);
  return { jobs: present(jobs).map((j) => toJobSummary(j, query.state)), total };
}

async function searchBullJobs(queue: Bull.Queue, type: Bull.JobStatus, query: JobQuery): Promise<JobPage> {
  const needle = (query.search ?? '').trim().toLowerCase();
  const asc = query.order === 'oldest';
  const found = await searchPages(
    (start, end) => queue.getJobs([type], start, end, asc),
    (job) => [String(job.id), job.name, argsText(job.data)].some((s) => s.toLowerCase().includes(needle)),
    query.offset,
    query.limit,
  );
  const out: JobPage = { jobs: found.jobs.map((j) => toJobSummary(j, query.state)), total: found.total };
  if (found.truncated) out.truncated = true;
  return out;
}

/**
 * Bull's clean with a limit picks delayed jobs by their zset score, which is the due time, not the age; so old
 * delayed jobs are found here by their created time and removed one by one through Bull's Job.remove.
 */
export async function cleanDelayed(queue: Bull.Queue, olderThanMs: number, limit: number): Promise<number> {
  const cutoff = Date.now() - olderThanMs;
  let removed = 0;
  let offset = 0;
  while (removed < limit) {
    const page = present(await queue.getDelayed(offset, offset + CLEAN_PAGE - 1));
    if (page.length === 0) break;
    for (const job of page) {
      if (removed >= limit) break;
      if (job.timestamp >= cutoff) {
        offset++;
        continue;
      }
      await job.remove().then(
        () => removed++,
        () => offset++, // locked or gone meanwhile
      );
    }
  }
  return removed;
}
