import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from 'bullmq';
import type { CoreHost } from '../../../src/core/host';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data, finished, randomQueue, testQueue } from './helpers';

let redis: TestRedis;
let host: CoreHost;
let queue: Queue;
const name = randomQueue();

beforeAll(async () => {
  redis = await startTestRedis();
  host = await connectedHost(redis);
  queue = testQueue(redis, name);
  await data(host, 'workers.start', { queues: [name], concurrency: 2 });
});

afterAll(async () => {
  await queue.close();
  await host.close();
  await redis.stop();
});

describe('retries of demo.fail in a worker process', () => {
  it('3 failures with 4 attempts end completed after exponential back-off', async () => {
    const job = await queue.add(
      'demo.fail',
      { failures: 3 },
      { attempts: 4, backoff: { type: 'exponential', delay: 100 } },
    );
    const done = await finished(queue, job.id as string);
    expect(await done.isCompleted()).toBe(true);
    expect(done.returnvalue).toEqual({ succeededOnAttempt: 4 });
    expect(done.attemptsMade).toBe(4);
    // Back-off waits 100 + 200 + 400 ms between the four attempts.
    expect((done.finishedOn as number) - done.timestamp).toBeGreaterThanOrEqual(700);
  });

  it('3 failures with 2 attempts end failed with the reason', async () => {
    const job = await queue.add(
      'demo.fail',
      { failures: 3 },
      { attempts: 2, backoff: { type: 'fixed', delay: 50 } },
    );
    const done = await finished(queue, job.id as string);
    expect(await done.isFailed()).toBe(true);
    expect(done.attemptsMade).toBe(2);
    expect(done.failedReason).toBe('demo.fail: attempt 2 of 3 planned failures');
  });
});
