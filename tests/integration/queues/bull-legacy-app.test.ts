import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullDriver } from '../../../src/core/queues/drivers/bull/driver';
import { startBullApp, type BullApp } from '../../helpers/bull-app';
import { waitUntil } from '../../helpers/process-alive';
import { useApiHost } from './api-host';

const api = useApiHost();
const QUEUE = 'video-transcoding';
const ref = { engine: 'bull', queue: QUEUE } as const;
let app: BullApp;

beforeAll(async () => {
  // A BullMQ queue under the same default prefix, beside the legacy Bull app's queue.
  await api().ok('jobs.add', { queue: 'mq-orders', task: 'ship', args: { order: 1 } });
  app = await startBullApp(api().redis.url, QUEUE);
});
afterAll(async () => {
  await app?.stop();
});

const state = async (id: string): Promise<string> => (await api().ok('jobs.get', { ...ref, id })).state;

describe('a legacy Bull app, seen and acted on through the bull engine', () => {
  it('lists the Bull queue with engine bull beside the BullMQ one, each under one engine only', async () => {
    await waitUntil(async () => (await state('broken')) === 'failed', 15_000);
    const rows = await api().ok('queues.list', {});
    expect(rows.map((r) => [r.engine, r.name]).sort()).toEqual([
      ['bull', QUEUE],
      ['bullmq', 'mq-orders'],
    ]);
    const row = rows.find((r) => r.engine === 'bull');
    expect(row).toMatchObject({
      paused: false,
      counts: { waiting: 0, delayed: 1, completed: 1, failed: 1, prioritized: null },
      workers: 1,
    });
    const engines = await api().ok('queues.engines', {});
    expect(engines.find((e) => e.engine === 'bull')).toMatchObject({
      actions: { pause: true, retry: true, flows: false, schedulers: false, cancel: false, edit: false },
    });
  });

  it('browses by state and shows a failed job with its data, attempts and failure', async () => {
    const failed = await api().ok('jobs.list', { ...ref, state: 'failed' });
    expect(failed.jobs.map((j) => j.id)).toEqual(['broken']);
    expect((await api().ok('jobs.list', { ...ref, state: 'completed' })).jobs.map((j) => j.id)).toEqual([
      'ok',
    ]);
    expect((await api().ok('jobs.list', { ...ref, state: 'delayed' })).jobs.map((j) => j.id)).toEqual([
      'later',
    ]);
    const job = await api().ok('jobs.get', { ...ref, id: 'broken' });
    expect(job).toMatchObject({
      engine: 'bull',
      state: 'failed',
      args: { video: 'http://example.com/broken.mov', failTimes: 2 },
      attemptsMade: 2,
      maxAttempts: 2,
      failedReason: 'transcoding http://example.com/broken.mov failed',
      progress: 42,
    });
    expect(job.stacktrace.join('\n')).toContain('transcoding http://example.com/broken.mov failed');
    const ok = await api().ok('jobs.get', { ...ref, id: 'ok' });
    expect(ok.returnValue).toEqual({ framerate: 29.5, video: 'http://example.com/ok.mov' });
  });

  it("retries a failed job from QueueDesk; the app's own Bull worker runs it again and it completes", async () => {
    await api().ok('jobs.retry', { ...ref, id: 'broken' });
    await waitUntil(async () => (await state('broken')) === 'completed', 15_000);
    const job = await api().ok('jobs.get', { ...ref, id: 'broken' });
    expect(job.returnValue).toEqual({ framerate: 29.5, video: 'http://example.com/broken.mov' });
    expect(job.failedReason).toBeUndefined();
    expect((await api().err('jobs.retry', { ...ref, id: 'later' })).code).toBe('CONFLICT');
  });

  it("promotes the delayed job, which the app's worker then runs", async () => {
    await api().ok('jobs.promote', { ...ref, id: 'later' });
    await waitUntil(async () => (await state('later')) === 'completed', 15_000);
  });

  it('pauses the queue so the app takes nothing, still listed as Bull, then resumes', async () => {
    const paused = await api().ok('queues.pause', ref);
    expect(paused).toMatchObject({ engine: 'bull', paused: true });
    // Bull's pause also writes BullMQ's meta hash: the queue must not turn up as a BullMQ one.
    const rows = await api().ok('queues.list', { refresh: true });
    expect(rows.filter((r) => r.name === QUEUE).map((r) => r.engine)).toEqual(['bull']);
    const { id } = await api().ok('jobs.add', { ...ref, task: '__default__', args: { video: 'p.mov' } });
    expect(await state(id)).toBe('paused');
    expect((await api().ok('queues.list', { engine: 'bull' }))[0]?.counts).toMatchObject({
      paused: 1,
      waiting: 0,
    });
    await api().ok('queues.resume', ref);
    await waitUntil(async () => (await state(id)) === 'completed', 15_000);
  });

  it('removes a job and cleans completed ones by age', async () => {
    expect(await api().ok('jobs.remove', { ...ref, id: 'ok' })).toEqual({ removed: true });
    expect((await api().err('jobs.get', { ...ref, id: 'ok' })).code).toBe('NOT_FOUND');
    const { removed } = await api().ok('queues.clean', { ...ref, state: 'completed', olderThanMs: 0 });
    expect(removed).toBe(3);
    expect((await api().ok('queues.list', { engine: 'bull' }))[0]?.counts.completed).toBe(0);
  });

  it('answers UNSUPPORTED for what Bull lacks', async () => {
    const cases: Array<[string, unknown]> = [
      ['flows.add', { ...ref, kind: 'chain', steps: [{ task: 'a', args: null }] }],
      ['schedulers.list', { engine: 'bull', queue: QUEUE }],
      ['jobs.cancel', { ...ref, id: '1', reason: 'x' }],
      ['jobs.update', { ...ref, id: '1', data: {} }],
      ['queues.settings', ref],
      ['jobs.add', { ...ref, task: 't', args: null, options: { expiresMs: 1000 } }],
      ['jobs.retryAll', { ...ref, state: 'completed' }],
    ];
    for (const [method, params] of cases) {
      const error = await api().err(method as never, params);
      expect([method, error.code]).toEqual([method, 'UNSUPPORTED']);
    }
  });

  it("finds another app's Bull queue on the next live poll once its worker connects", async () => {
    const driver = new BullDriver({ host: '127.0.0.1', port: api().redis.port }, 'bull');
    try {
      await driver.listQueues(); // the driver now answers polls from what it found here
      const other = await startBullApp(api().redis.url, 'thumbnails');
      try {
        const polled = await driver.listQueues({ poll: true });
        expect(polled.find((q) => q.name === 'thumbnails')).toMatchObject({ engine: 'bull', workers: 1 });
      } finally {
        await other.stop();
      }
    } finally {
      await driver.close();
    }
  });
});
