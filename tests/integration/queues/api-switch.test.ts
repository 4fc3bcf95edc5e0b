import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis } from '../../helpers/redis-server';
import { freshQueue } from './conformance-target';
import { useApiHost } from './api-host';

const h = useApiHost();

describe('queues API when the app switches to another Redis', () => {
  it('keeps the live feed going against the new server, without another queues.list', async () => {
    const q = freshQueue();
    await h().ok('jobs.add', { queue: q, task: 'on-first' });
    await h().ok('queues.list', {});
    const second = await startTestRedis();
    try {
      await h().ok('connection.connect', { mode: 'url', url: second.url });
      const countsBefore = h().eventsOf('queues.counts').length;
      const { id } = await h().ok('jobs.add', { queue: q, task: 'on-second' });
      await waitUntil(() => h().sawEvent(q, id, 'waiting'), 10_000);
      // The second server holds only the job added to it (each engine reports its own counts: find BullMQ's).
      const countsOfQ = () =>
        h()
          .eventsOf('queues.counts')
          .slice(countsBefore)
          .flatMap((c) => (c.engine === 'bullmq' ? c.queues.filter((s) => s.name === q) : []));
      await waitUntil(() => countsOfQ().length > 0, 5000);
      expect(countsOfQ().at(-1)?.counts.waiting).toBe(1);
    } finally {
      await h().host.close();
      await second.stop();
    }
  });
});
