import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queue } from 'bullmq';
import type { CoreHost } from '../../../src/core/host';
import type { ProcessInfo } from '../../../src/shared/contract';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data, finished, randomQueue, testQueue } from './helpers';

let redis: TestRedis;
let host: CoreHost;
let queue: Queue;
let worker: ProcessInfo;
const name = randomQueue();

beforeAll(async () => {
  redis = await startTestRedis();
  host = await connectedHost(redis);
  queue = testQueue(redis, name);
  worker = await data<ProcessInfo>(host, 'workers.start', { queues: [name], concurrency: 4 });
});

afterAll(async () => {
  await queue.close();
  await host.close();
  await redis.stop();
});

describe('workers.* API', () => {
  it('starts a worker process that runs built-in tasks and is named for queues.list', async () => {
    expect(worker).toMatchObject({ kind: 'worker', state: 'running', queues: [name], concurrency: 4 });
    expect(worker.pid && isAlive(worker.pid)).toBe(true);
    const job = await queue.add('demo.echo', { hello: 'world' });
    const done = await finished(queue, job.id as string);
    expect(done.returnvalue).toEqual({ hello: 'world' });
    // BullMQ reports the client name as `<prefix>:<encoded queue>:w:<worker name>` in rawname.
    const workers = await queue.getWorkers();
    expect(workers.map((w) => w.rawname?.split(':w:')[1])).toEqual([`queuedesk-${worker.id}`]);
  });

  it('fails a job whose task has no handler with a clear reason, without retrying', async () => {
    const job = await queue.add('nope.missing', {}, { attempts: 3 });
    const done = await finished(queue, job.id as string);
    expect(done.failedReason).toBe('no handler for task nope.missing');
    expect(done.attemptsMade).toBe(1);
    expect(await done.isFailed()).toBe(true);
  });

  it('fails bad built-in args with the field named', async () => {
    const job = await queue.add('demo.sleep', { ms: 'soon' });
    const done = await finished(queue, job.id as string);
    expect(done.failedReason).toMatch(/^demo\.sleep: args\.ms: /);
  });

  it('drops a job that starts after its expiry with reason "expired"', async () => {
    const job = await queue.add('demo.echo', 1, { expiresAt: Date.now() - 1 } as object);
    const done = await finished(queue, job.id as string);
    expect(done.failedReason).toBe('expired');
  });

  it('lists, scales and stops workers; bad input is refused', async () => {
    const listed = await data<ProcessInfo[]>(host, 'workers.list');
    expect(listed.map((w) => w.id)).toEqual([worker.id]);
    const scaled = await data<ProcessInfo>(host, 'workers.scale', { id: worker.id, concurrency: 8 });
    expect(scaled.concurrency).toBe(8);
    const restarted = await data<ProcessInfo>(host, 'processes.restart', { id: worker.id });
    expect(restarted.pid).not.toBe(worker.pid);
    expect(isAlive(worker.pid as number)).toBe(false);
    await waitUntil(() =>
      host.call('workers.list', {}).then((r) => r.ok && (r.data as ProcessInfo[])[0]?.state === 'running'),
    );
    worker = (await data<ProcessInfo[]>(host, 'workers.list'))[0] as ProcessInfo;
    expect(worker.concurrency).toBe(8); // the new process keeps the scaled concurrency
    const bad = await host.call('workers.start', { queues: [] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!bad.ok && bad.error.message).toMatch(/^queues: /);
    const badScale = await host.call('workers.scale', { id: worker.id, concurrency: 0 });
    expect(!badScale.ok && badScale.error.message).toMatch(/^concurrency: /);
    const unknown = await host.call('workers.stop', { id: 'worker-999' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const stopped = await data<ProcessInfo>(host, 'workers.stop', { id: worker.id });
    expect(stopped.state).toBe('stopped');
    await waitUntil(() => !isAlive(worker.pid as number), 5000);
    expect(await data<ProcessInfo[]>(host, 'workers.list')).toEqual([]);
  });
});
