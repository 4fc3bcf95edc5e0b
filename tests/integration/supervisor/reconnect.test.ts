import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreHost } from '../../../src/core/host';
import type { ProcessInfo } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data, finished, testQueue } from '../worker/helpers';

let first: TestRedis;
let second: TestRedis;
let host: CoreHost;

beforeAll(async () => {
  [first, second] = await Promise.all([startTestRedis(), startTestRedis()]);
  host = await connectedHost(first);
});

afterAll(async () => {
  await host.close();
  await Promise.all([first.stop(), second.stop()]);
});

describe('switching the app to another Redis', () => {
  it('restarts running workers against the new one', async () => {
    const worker = await data<ProcessInfo>(host, 'workers.start', { queues: ['moved'], concurrency: 1 });
    await data(host, 'connection.connect', { mode: 'url', url: second.url });
    await waitUntil(async () => {
      const [w] = await data<ProcessInfo[]>(host, 'workers.list');
      return w?.state === 'running' && w.pid !== worker.pid;
    }, 15_000);
    const queue = testQueue(second, 'moved');
    try {
      const job = await queue.add('demo.echo', 'here');
      expect((await finished(queue, job.id as string)).returnvalue).toBe('here');
    } finally {
      await queue.close();
    }
  });
});
