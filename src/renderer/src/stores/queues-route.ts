import { create } from 'zustand';
import { ENGINES, type EngineName, type ListableState } from '../../../shared/contract';

interface Segments {
  queue: string | null;
  /** Named in the link (`celery:<queue>`); null for an old bare link: whichever engine lists the queue. */
  engine: EngineName | null;
  jobId: string | null;
}

/**
 * `#/queues/[<engine>:]<queue>/<jobId>`: which queue and job the Queues panel shows, kept in the URL so links work.
 * Queue names cannot hold ":", so the engine prefix is unambiguous; it tells apart a BullMQ and a Celery queue
 * sharing a name.
 */
function fromHash(): Segments {
  const [page, queue, jobId] = window.location.hash.replace(/^#\/?/, '').split('/');
  if (page !== 'queues' || !queue) return { queue: null, engine: null, jobId: null };
  const text = decodeURIComponent(queue);
  const at = text.indexOf(':');
  const named = text.slice(0, at) as EngineName;
  const engine = at > 0 && ENGINES.includes(named) ? named : null;
  return {
    queue: engine ? text.slice(at + 1) : text,
    engine,
    jobId: jobId ? decodeURIComponent(jobId) : null,
  };
}

export function jobHref(queue: string, jobId?: string, engine?: EngineName): string {
  const segment = `${engine ? `${engine}:` : ''}${encodeURIComponent(queue)}`;
  return `#/queues/${segment}${jobId ? `/${encodeURIComponent(jobId)}` : ''}`;
}

interface QueuesRoute extends Segments {
  state: ListableState;
  selectQueue(queue: string, engine?: EngineName): void;
  openJob(jobId: string | null): void;
  setState(state: ListableState): void;
}

export const useQueuesRoute = create<QueuesRoute>((set, get) => ({
  ...fromHash(),
  state: 'waiting',
  selectQueue(queue, engine) {
    window.location.hash = jobHref(queue, undefined, engine);
    set({ queue, engine: engine ?? null, jobId: null });
  },
  openJob(jobId) {
    const { queue, engine } = get();
    if (!queue) return;
    window.location.hash = jobHref(queue, jobId ?? undefined, engine ?? undefined);
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
