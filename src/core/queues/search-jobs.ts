import type { QueueCounts, QueueSummary } from '../../shared/contract/queues';
import type { SearchHit, SearchResult } from '../../shared/contract/insights';
import type { EngineName } from '../../shared/contract/engines';
import type { ListableState } from '../../shared/contract/queues';
import type { QueueService } from './service';

/** Jobs looked at in all, across queues and states, before a search stops and says so. */
export const SEARCH_ALL_CAP = 200_000;
/** A state's search looks at this many of its jobs at most (the job list's own cap, job-list.ts). */
const PER_STATE_CAP = 50_000;

const COUNT_FIELD: Record<ListableState, keyof QueueCounts> = {
  waiting: 'waiting',
  active: 'active',
  delayed: 'delayed',
  prioritized: 'prioritized',
  'waiting-children': 'waitingChildren',
  completed: 'completed',
  failed: 'failed',
  paused: 'paused',
};

export interface SearchSpec {
  text: string;
  prefix: string;
  engine?: EngineName;
  states?: ListableState[];
  offset: number;
  limit: number;
}

/**
 * Looks through every queue of every engine (the queues the drivers know: no new walk of the keyspace) with each
 * driver's own job search, state by state, skipping states a queue's counts say are empty. Hits before `offset`
 * are only counted, so a later page costs the same scan but no more reads of jobs.
 */
export async function searchAllQueues(service: QueueService, spec: SearchSpec): Promise<SearchResult> {
  const started = Date.now();
  const hits: SearchHit[] = [];
  let total = 0;
  let scanned = 0;
  let queuesScanned = 0;
  let truncated = false;
  const engines = spec.engine ? [spec.engine] : service.engineNames();
  outer: for (const engine of engines) {
    const driver = service.driver(engine, spec.prefix);
    const states = (spec.states ?? driver.capabilities.states).filter((s) =>
      driver.capabilities.states.includes(s),
    );
    const queues: QueueSummary[] = await driver.listQueues();
    for (const q of queues) {
      queuesScanned++;
      for (const state of states) {
        const known = q.counts[COUNT_FIELD[state]];
        if (known === 0) continue;
        if (scanned >= SEARCH_ALL_CAP) {
          truncated = true;
          break outer;
        }
        const skip = Math.max(0, spec.offset - total);
        const want = Math.max(0, spec.limit - hits.length);
        const page = await driver.listJobs(q.name, {
          state,
          offset: skip,
          // One row is still read when the page is full: the state's total of matches comes with it.
          limit: Math.max(1, want),
          order: 'newest',
          search: spec.text,
        });
        scanned += Math.min(known ?? PER_STATE_CAP, PER_STATE_CAP);
        truncated ||= Boolean(page.truncated);
        total += page.total;
        if (want > 0) hits.push(...page.jobs.slice(0, want).map((j) => ({ ...j, engine })));
      }
    }
  }
  return { hits, total, scanned, queuesScanned, truncated, elapsedMs: Date.now() - started };
}
