import { create } from 'zustand';
import type { ListableState } from '../../../shared/contract';

interface Segments {
  queue: string | null;
  jobId: string | null;
}

/** `#/queues/<queue>/<jobId>`: which queue and job the Queues panel shows, kept in the URL so links work. */
function fromHash(): Segments {
  const [page, queue, jobId] = window.location.hash.replace(/^#\/?/, '').split('/');
  if (page !== 'queues' || !queue) return { queue: null, jobId: null };
  return { queue: decodeURIComponent(queue), jobId: jobId ? decodeURIComponent(jobId) : null };
}

export function jobHref(queue: string, jobId?: string): string {
  return `#/queues/${encodeURIComponent(queue)}${jobId ? `/${encodeURIComponent(jobId)}` : ''}`;
}

interface QueuesRoute extends Segments {
  state: ListableState;
  selectQueue(queue: string): void;
  openJob(jobId: string | null): void;
  setState(state: ListableState): void;
}

export const useQueuesRoute = create<QueuesRoute>((set, get) => ({
  ...fromHash(),
  state: 'waiting',
  selectQueue(queue) {
    window.location.hash = jobHref(queue);
    set({ queue, jobId: null });
  },
  openJob(jobId) {
    const { queue } = get();
    if (!queue) return;
    window.location.hash = jobHref(queue, jobId ?? undefined);
    set({ jobId });
  },
  setState(state) {
    set({ state });
  },
}));

window.addEventListener('hashchange', () => {
  const next = fromHash();
  // A bare `#/queues` (the nav button) keeps the queue that was open.
  if (next.queue) useQueuesRoute.setState(next);
});
