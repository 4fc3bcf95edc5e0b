import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { CoreHost } from '../../../src/core/host';
import type { ProcessInfo, Schedule } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data, randomQueue } from '../worker/helpers';
import { duplicatedEvents, ticks } from './helpers';

let redis: TestRedis;
let host: CoreHost;
let queue: Queue;

const events: Array<{ event: string; data: unknown }> = [];

beforeAll(async () => {
  redis = await startTestRedis();
  host = await connectedHost(redis);
  host.onEvent((event, data) => events.push({ event, data }));
  queue = new Queue(randomQueue(), { connection: { port: redis.port } });
});

afterAll(async () => {
  await queue.close();
  await host.close();
  await redis.stop();
});

describe('the beat process', () => {
  it('fires an every-1s schedule on time, with last/next run and run count', async () => {
    const beat = await data<ProcessInfo>(host, 'beat.start');
    expect(beat).toMatchObject({ kind: 'beat', state: 'running' });
    const s = await data<Schedule>(host, 'beat.add', {
      id: 'tick',
      task: 'demo.echo',
      queue: queue.name,
      args: { from: 'beat' },
      trigger: { every: 1000 },
    });
    await waitUntil(async () => (await ticks(queue, s.id)).length >= 4, 8000, 50);
    const fired = await ticks(queue, s.id);
    expect(fired[0]?.due).toBe(s.nextRunAt);
    fired.slice(0, 4).forEach((t, i) => {
      expect(t.due).toBe((s.nextRunAt as number) + i * 1000);
      // Enqueued within 250 ms of its due time (the beat sleeps until the next due time; CI machines are busy).
      expect(t.addedAt - t.due).toBeGreaterThanOrEqual(0);
      expect(t.addedAt - t.due).toBeLessThan(250);
      expect(t.job.name).toBe('demo.echo');
      expect(t.job.data).toEqual({ from: 'beat' });
    });
    const pushed = events.filter((e) => e.event === 'beat.changed').map((e) => e.data as Schedule[]);
    expect(pushed.some((list) => list.some((x) => x.id === s.id && x.runCount >= 1))).toBe(true);
    const [listed] = await data<Schedule[]>(host, 'beat.list');
    expect(listed?.runCount).toBeGreaterThanOrEqual(4);
    expect(listed?.lastRunAt).toBeGreaterThanOrEqual(fired[3]?.due as number);
    expect(listed?.nextRunAt).toBeGreaterThan(listed?.lastRunAt as number);
    expect(await duplicatedEvents(redis.client(), queue)).toBe(0);

    const info = (await data<ProcessInfo[]>(host, 'processes.list')).find((p) => p.kind === 'beat');
    expect(info?.leader).toBe(true);
    const stopped = await data<ProcessInfo>(host, 'beat.stop');
    expect(stopped.state).toBe('stopped');
    // A stopped beat gives the lock back at once, so another beat need not wait for it to expire.
    expect(await redis.client().exists('queuedesk:beat:lock')).toBe(0);
  });

  it('coalesces runs missed while no beat ran into one', async () => {
    const s = await data<Schedule>(host, 'beat.add', {
      id: 'missed',
      task: 'demo.echo',
      queue: queue.name,
      trigger: { every: 300 },
    });
    await new Promise((r) => setTimeout(r, 1700)); // five ticks due meanwhile, nobody to fire them
    // Missed means due before the beat started; on a loaded machine the coalesced run may be enqueued later than
    // the next tick's due time, which is then on time, not missed.
    const startedAt = Date.now();
    await data(host, 'beat.start');
    await waitUntil(async () => (await ticks(queue, s.id)).length >= 3, 8000, 20);
    await data(host, 'beat.stop'); // read a settled state, not one the beat is still moving
    const fired = await ticks(queue, s.id);
    const [first, second, third] = fired;
    // The five missed ticks became one run, enqueued at start with the first missed due time...
    expect(first?.due).toBe(s.nextRunAt);
    expect((first?.addedAt as number) - (first?.due as number)).toBeGreaterThan(1500);
    expect(fired.filter((t) => t.due < startedAt)).toHaveLength(1);
    // ...and the next ones came on time, on the schedule's original phase.
    expect(second?.due).toBeGreaterThanOrEqual(startedAt);
    expect(((second?.due as number) - (s.nextRunAt as number)) % 300).toBe(0);
    expect(third?.due).toBe((second?.due as number) + 300);
    const [listed] = (await data<Schedule[]>(host, 'beat.list')).filter((x) => x.id === s.id);
    expect(listed?.runCount).toBe(fired.length);
  });
});
