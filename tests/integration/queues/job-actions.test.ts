import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Job, Queue, Worker } from 'bullmq';
import type { CoreHost } from '../../../src/core/host';
import type { BulkResult, JobDetail, MethodName } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data, finished, randomQueue } from '../worker/helpers';

// QueueDesk's own worker processes (forked by the host, as serve runs them) beside a BullMQ app's own Worker.
let redis: TestRedis;
let host: CoreHost;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  redis = await startTestRedis();
  host = await connectedHost(redis);
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await host.close();
  await redis.stop();
});

function appQueue(name = randomQueue()): Queue {
  const q = new Queue(name, { connection: { port: redis.port } });
  closers.push(() => q.close());
  return q;
}

function appWorker(queue: string, fn: (job: Job) => Promise<unknown>, concurrency = 1): Worker {
  const w = new Worker(queue, fn, {
    connection: { port: redis.port, maxRetriesPerRequest: null },
    name: 'billing-app',
    concurrency,
  });
  closers.push(() => w.close(true));
  return w;
}

async function refusal(method: MethodName, params: unknown): Promise<{ code: string; message: string }> {
  const r = await host.call(method, params);
  if (r.ok) throw new Error(`${method} was expected to fail`);
  return r.error;
}

describe('cancel a running job', () => {
  it("aborts the task's signal on QueueDesk's worker and fails it for good, without retries", async () => {
    const q = appQueue();
    await data(host, 'workers.start', { queues: [q.name], concurrency: 2 });
    const job = await q.add('demo.sleep', { ms: 120_000 }, { attempts: 5 });
    await waitUntil(async () => (await q.getJobState(job.id!)) === 'active', 20_000);
    const started = Date.now();
    const result = await data<{ cancelled: boolean; state: string; worker?: string }>(host, 'jobs.cancel', {
      queue: q.name,
      id: job.id,
      reason: 'wrong customer',
    });
    expect(result).toMatchObject({ cancelled: true, state: 'failed' });
    expect(result.worker).toMatch(/^queuedesk-/);
    const after = await finished(q, job.id!);
    expect(after.failedReason).toBe('cancelled: wrong customer');
    // demo.sleep ends on its abort signal: far sooner than its two minutes, and no attempt is left to retry it.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(after.attemptsMade).toBe(1);
    expect(await q.getJobState(job.id!)).toBe('failed');
  });

  it("refuses a job on another app's worker, naming it, and one that is not running", async () => {
    const q = appQueue();
    let release: () => void = () => undefined;
    appWorker(q.name, () => new Promise<void>((r) => (release = r)));
    const job = await q.add('charge', { cents: 100 });
    await waitUntil(async () => (await q.getJobState(job.id!)) === 'active', 10_000);
    const foreign = await refusal('jobs.cancel', { queue: q.name, id: job.id });
    expect(foreign.code).toBe('CONFLICT');
    expect(foreign.message).toMatch(/worker "billing-app", which is not QueueDesk's/);
    release();
    await finished(q, job.id!);
    const done = await refusal('jobs.cancel', { queue: q.name, id: job.id });
    expect(done.message).toMatch(/is completed, not running/);
  });
});

describe('bulk actions', () => {
  it('retries 1,000 failed jobs in one action', async () => {
    const q = appQueue();
    const worker = appWorker(q.name, async () => Promise.reject(new Error('card declined')), 50);
    await q.addBulk(Array.from({ length: 1000 }, (_, i) => ({ name: 'charge', data: { i } })));
    await waitUntil(async () => (await q.getFailedCount()) === 1000, 30_000);
    await worker.close();
    const r = await data<BulkResult>(host, 'jobs.bulk', {
      queue: q.name,
      action: 'retry',
      match: { state: 'failed' },
    });
    expect(r).toMatchObject({ action: 'retry', matched: 1000, done: 1000, failedCount: 0 });
    expect(await q.getFailedCount()).toBe(0);
    expect(await q.getWaitingCount()).toBe(1000);
  });

  it('removes only with the count confirmed, and only what the search matched', async () => {
    const q = appQueue();
    await q.addBulk([
      ...Array.from({ length: 30 }, (_, i) => ({ name: 'email', data: { to: `a${i}@x.test` } })),
      ...Array.from({ length: 20 }, (_, i) => ({ name: 'sms', data: { to: `+1${i}` } })),
    ]);
    const spec = { queue: q.name, action: 'remove', match: { state: 'waiting', search: 'email' } };
    const refused = await refusal('jobs.bulk', spec);
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.message).toMatch(/would delete 30 jobs/);
    expect(await q.getWaitingCount()).toBe(50);
    const r = await data<BulkResult>(host, 'jobs.bulk', { ...spec, confirm: 30 });
    expect(r).toMatchObject({ matched: 30, done: 30 });
    const left = await q.getWaiting();
    expect(left.map((j) => j.name).every((n) => n === 'sms')).toBe(true);
    expect(left).toHaveLength(20);
  });

  it('promotes picked delayed jobs and reports the ones it could not', async () => {
    const q = appQueue();
    const a = await q.add('later', null, { delay: 600_000 });
    const b = await q.add('later', null, { delay: 600_000 });
    const waiting = await q.add('now', null);
    const r = await data<BulkResult>(host, 'jobs.bulk', {
      queue: q.name,
      action: 'promote',
      ids: [a.id, b.id, waiting.id],
    });
    expect(r).toMatchObject({ matched: 3, done: 2, failedCount: 1 });
    expect(r.failed[0]).toMatchObject({ id: waiting.id });
    expect(r.failed[0]?.reason).toMatch(/only delayed jobs/);
    expect(await q.getJobState(a.id!)).toBe('waiting');
    expect(await q.getJobState(b.id!)).toBe('waiting');
  });
});

describe('editing a job that has not started', () => {
  it("changes a delayed job's data, priority and delay, as BullMQ reads them back", async () => {
    const q = appQueue();
    const job = await q.add('invoice', { total: 10 }, { delay: 600_000 });
    const before = Date.now();
    const detail = await data<JobDetail>(host, 'jobs.update', {
      queue: q.name,
      id: job.id,
      dataJson: '{"total": 12}',
      priority: 7,
      delayMs: 5_000,
    });
    expect(detail.args).toEqual({ total: 12 });
    const seen = await Job.fromId(q, job.id!);
    expect(seen?.data).toEqual({ total: 12 });
    expect(seen?.priority).toBe(7);
    expect(seen?.delay).toBe(5_000);
    const due = Number(await redis.client().zscore(`bull:${q.name}:delayed`, job.id!)) / 0x1000;
    expect(due).toBeGreaterThanOrEqual(before + 4_000);
    expect(due).toBeLessThan(before + 60_000);
  });

  it('refuses a running job and a delay for a job that is not delayed, changing nothing', async () => {
    const q = appQueue();
    const waiting = await q.add('invoice', { total: 1 });
    const noDelay = await refusal('jobs.update', {
      queue: q.name,
      id: waiting.id,
      delayMs: 1000,
      data: { total: 2 },
    });
    expect(noDelay.message).toMatch(/not delayed/);
    expect((await Job.fromId(q, waiting.id!))?.data).toEqual({ total: 1 });
    const bad = await refusal('jobs.update', { queue: q.name, id: waiting.id, dataJson: '{' });
    expect(bad.code).toBe('INVALID_INPUT');
    const nothing = await refusal('jobs.update', { queue: q.name, id: waiting.id });
    expect(nothing.message).toMatch(/nothing to change/);
  });

  it('adds a log line', async () => {
    const q = appQueue();
    const job = await q.add('invoice', null);
    const r = await data<{ logCount: number }>(host, 'jobs.addLog', {
      queue: q.name,
      id: job.id,
      line: 'checked by hand',
    });
    expect(r.logCount).toBe(1);
    expect((await q.getJobLogs(job.id!)).logs).toEqual(['checked by hand']);
  });

  it('shows the deduplication id and frees it, so the next add with it is kept', async () => {
    const q = appQueue();
    const first = await q.add('sync', { n: 1 }, { deduplication: { id: 'customer-42' } });
    const ignored = await q.add('sync', { n: 2 }, { deduplication: { id: 'customer-42' } });
    expect(ignored.id).toBe(first.id);
    const detail = await data<JobDetail>(host, 'jobs.get', { queue: q.name, id: first.id });
    expect(detail.deduplicationId).toBe('customer-42');
    const r = await data<{ removed: boolean }>(host, 'jobs.removeDeduplication', {
      queue: q.name,
      deduplicationId: 'customer-42',
    });
    expect(r.removed).toBe(true);
    const kept = await q.add('sync', { n: 3 }, { deduplication: { id: 'customer-42' } });
    expect(kept.id).not.toBe(first.id);
    expect(await q.getWaitingCount()).toBe(2);
  });
});
