import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import type { QueueSummary } from '../../../src/shared/contract/queues';
import { waitUntil } from '../../helpers/process-alive';
import { startCeleryWorker, type CeleryWorker } from '../../helpers/celery-worker';
import { useApiHost } from './api-host';
import { recordBroadcasts } from './pidbox-probe';

/** The worker count on Celery queue cards, from remote control and heartbeats, at a bounded broadcast rate. */
const api = useApiHost();
const SERVED = 'qd-presence';
const UNSERVED = 'qd-presence-none';
let first: CeleryWorker;
let probe: Redis;
/** When each active_queues broadcast went out (read off the pidbox channel). */
let asked: number[] = [];

beforeAll(async () => {
  first = await startCeleryWorker(api().redis.url, [SERVED], 'p1@qd');
  probe = api().redis.client();
  asked = await recordBroadcasts(probe, 'active_queues');
  await api().ok('jobs.add', { engine: 'celery', queue: UNSERVED, task: 'qd.add', args: [1, 1] });
}, 30_000);
afterAll(async () => {
  await first?.stop();
  probe?.disconnect();
});

/** The Celery rows of the latest live counts. */
const latest = (): QueueSummary[] =>
  api()
    .eventsOf('queues.counts')
    .filter((c) => c.engine === 'celery')
    .at(-1)?.queues ?? [];
const workersOf = (queue: string): number | null | undefined =>
  latest().find((q) => q.name === queue)?.workers;

describe('Celery queue cards count the workers consuming each queue', () => {
  it('asks nothing before anyone lists queues', () => {
    expect(asked).toEqual([]);
  });

  it('shows 1 for the served queue and 0 for the other, then follows a second worker coming and going', async () => {
    const listed = await api().ok('queues.list', {});
    // Unknown until the workers answered: never a made-up number.
    expect(listed.find((q) => q.name === SERVED)?.workers ?? null).toBeNull();
    await waitUntil(() => workersOf(SERVED) === 1 && workersOf(UNSERVED) === 0, 15_000);
    const second = await startCeleryWorker(api().redis.url, [SERVED], 'p2@qd');
    try {
      await waitUntil(() => workersOf(SERVED) === 2, 25_000);
    } finally {
      await second.stop();
    }
    const before = asked.length;
    // Gone with its worker-offline event, without asking the workers again.
    await waitUntil(() => workersOf(SERVED) === 1, 15_000);
    expect(asked.length).toBe(before);
    expect(asked.length).toBe(2); // the first answer, then one for the newcomer
    for (let i = 1; i < asked.length; i++)
      expect((asked[i] as number) - (asked[i - 1] as number)).toBeGreaterThanOrEqual(9_500);
    console.log(
      `active_queues broadcasts: ${asked.length} in ${Math.round((Date.now() - (asked[0] ?? 0)) / 1000)} s`,
    );
  }, 80_000);
});
