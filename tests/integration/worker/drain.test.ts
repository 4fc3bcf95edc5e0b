import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from 'bullmq';
import type { CoreHost } from '../../../src/core/host';
import type { ProcessInfo } from '../../../src/shared/contract';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data, randomQueue, testQueue } from './helpers';

let redis: TestRedis;
let host: CoreHost;
let queue: Queue;
const name = randomQueue();

beforeAll(async () => {
  redis = await startTestRedis();
  host = await connectedHost(redis);
  queue = testQueue(redis, name);
});

afterAll(async () => {
  await queue.close();
  await host.close();
  await redis.stop();
});

describe('workers.stop', () => {
  it('lets running jobs finish, takes no new ones, then the process exits', async () => {
    const worker = await data<ProcessInfo>(host, 'workers.start', { queues: [name], concurrency: 2 });
    const running = await Promise.all([1, 2].map(() => queue.add('demo.sleep', { ms: 2500 })));
    await waitUntil(async () => (await queue.getActiveCount()) === 2, 5000);
    const later = await queue.add('demo.echo', 'after');
    // Current jobs travel with the heartbeat (every second).
    const current = async (): Promise<string[]> =>
      (await data<ProcessInfo[]>(host, 'workers.list'))[0]?.currentJobs.map((j) => j.task) ?? [];
    await waitUntil(async () => (await current()).length === 2, 2000);
    expect(await current()).toEqual(['demo.sleep', 'demo.sleep']);

    expect(await queue.getActiveCount()).toBe(2); // still running when the stop is asked
    const stopped = await data<ProcessInfo>(host, 'workers.stop', { id: worker.id });
    expect(stopped.state).toBe('stopped');
    expect(isAlive(worker.pid as number)).toBe(false);
    for (const job of running) {
      const fresh = await queue.getJob(job.id as string);
      expect(await fresh?.isCompleted()).toBe(true);
      expect(fresh?.attemptsStarted).toBe(1);
    }
    // Closing the worker took nothing more: the next job waits for another worker.
    expect(await (await queue.getJob(later.id as string))?.getState()).toBe('waiting');
  });
});
