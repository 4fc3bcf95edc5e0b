import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { waitUntil } from '../../helpers/process-alive';
import { startCeleryWorker, type CeleryWorker } from '../../helpers/celery-worker';
import { useApiHost } from './api-host';
import { recordBroadcasts } from './pidbox-probe';

/**
 * A worker too busy to answer an `active_queues` broadcast in time (stopped with SIGSTOP here, as a loaded
 * machine can hold it) keeps the queues it answered before: it counts again once it beats again, without
 * another broadcast.
 */
const api = useApiHost();
const SERVED = 'qd-busy';
let first: CeleryWorker;
let second: CeleryWorker | undefined;
let probe: Redis;
let asked: number[] = [];

beforeAll(async () => {
  first = await startCeleryWorker(api().redis.url, [SERVED], 'b1@qd');
  probe = api().redis.client();
  asked = await recordBroadcasts(probe, 'active_queues');
  await api().ok('jobs.add', { engine: 'celery', queue: SERVED, task: 'qd.add', args: [1, 1] });
}, 30_000);
afterAll(async () => {
  first?.proc.kill('SIGCONT');
  await Promise.all([first?.stop(), second?.stop()]);
  probe?.disconnect();
});

const workersOf = (queue: string): number | null | undefined =>
  api()
    .eventsOf('queues.counts')
    .filter((c) => c.engine === 'celery')
    .at(-1)
    ?.queues.find((q) => q.name === queue)?.workers;

describe('Celery worker counts when a worker does not answer a broadcast', () => {
  it('keep what the silent worker answered before', async () => {
    await api().ok('queues.list', {});
    await waitUntil(() => workersOf(SERVED) === 1, 15_000);
    expect(asked).toHaveLength(1);
    // A newcomer makes the next broadcast; the first worker is held stopped until it has been answered without it.
    first.proc.kill('SIGSTOP');
    try {
      await waitUntil(() => workersOf(SERVED) === 0, 15_000); // its heartbeats stopped
      second = await startCeleryWorker(api().redis.url, [SERVED], 'b2@qd');
      await waitUntil(() => asked.length === 2, 25_000);
      const from = api().eventsOf('queues.counts').length;
      // Counted after that broadcast: the newcomer, which answered.
      await waitUntil(
        () =>
          api()
            .eventsOf('queues.counts')
            .slice(from)
            .some((c) => c.engine === 'celery' && c.queues.some((q) => q.name === SERVED && q.workers === 1)),
        10_000,
      );
    } finally {
      first.proc.kill('SIGCONT');
    }
    await waitUntil(() => workersOf(SERVED) === 2, 15_000);
    expect(asked).toHaveLength(2);
  }, 80_000);
});
