import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { cast } from '../../../src/core/queues/drivers/celery/control';
import { waitUntil } from '../../helpers/process-alive';
import { pythonSend, startCeleryWorker, type CeleryWorker } from '../../helpers/celery-worker';
import { useApiHost } from './api-host';

/**
 * Retrying tasks a Python client sent, on a worker with Celery's default results (no result_extended: the
 * result keeps no name or args). QueueDesk retries from the message it saw; with none, it says why it cannot.
 */
const api = useApiHost();
const RUN = 'qd-plain-run';
const LATER = 'qd-plain-later';
let worker: CeleryWorker;
let redis: Redis;

beforeAll(async () => {
  worker = await startCeleryWorker(api().redis.url, [RUN], 'plain@qd', { QD_RESULT_EXTENDED: '0' });
  redis = api().redis.client();
}, 30_000);
afterAll(async () => {
  await worker?.stop();
});

const celery = { engine: 'celery' as const };
const sendFlaky = async (queue: string, key: string): Promise<string> =>
  (await pythonSend<{ id: string }>(api().redis.url, ['flaky', queue, key])).id;
/** Polls the task's result (jobs.get reads the backend; it starts no event feed). */
const settled = async (queue: string, id: string) => {
  await waitUntil(
    async () => {
      const r = await api().host.call('jobs.get', { ...celery, queue, id });
      return r.ok && ['completed', 'failed'].includes((r.data as { state: string }).state);
    },
    20_000,
    50,
  );
  return api().ok('jobs.get', { ...celery, queue, id });
};

describe('retrying a task Python sent, without result_extended', () => {
  it('says why when nothing QueueDesk has holds the original message', async () => {
    // Sent and run before this QueueDesk looked at anything: it never saw the message.
    const id = await sendFlaky(RUN, 'never-set');
    const failed = await settled(RUN, id);
    expect(failed.celery).toMatchObject({ status: 'FAILURE' });
    expect(failed.args).toEqual([]); // the plain result keeps no args, and the message is gone
    const error = await api().err('jobs.retry', { ...celery, queue: RUN, id });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/original message is gone/);
    expect(error.message).toMatch(/result_extended=True/);
  }, 30_000);

  it('retries from the message seen waiting in the list, and the task re-runs', async () => {
    const key = `qd-plain-${Date.now()}`;
    const id = await sendFlaky(LATER, key);
    // The Queues panel lists the waiting task: QueueDesk keeps its message.
    const page = await api().ok('jobs.list', { ...celery, queue: LATER, state: 'waiting' });
    expect(page.jobs.map((j) => j.id)).toEqual([id]);
    await cast(redis, 0, 'add_consumer', { queue: LATER });
    expect((await settled(LATER, id)).celery?.status).toBe('FAILURE');
    await redis.set(key, '1');
    const again = await api().ok('jobs.retry', { ...celery, queue: LATER, id });
    expect(again.id).not.toBe(id);
    const rerun = await settled(LATER, again.id);
    expect(rerun).toMatchObject({ task: 'qd.flaky', args: [key], state: 'completed', returnValue: 'fixed' });
  }, 40_000);

  it('retries from the message a worker reserved while the event feed ran, never listed', async () => {
    await api().ok('queues.list', {}); // the live feed follows task events from now on
    const key = `qd-plain-ev-${Date.now()}`;
    const id = await sendFlaky(RUN, key);
    expect((await settled(RUN, id)).celery?.status).toBe('FAILURE');
    // The feed handles task-received on its own time: wait until it kept the message (or its args' repr).
    await waitUntil(async () => (await redis.hexists('queuedesk:celery:sent', id)) === 1, 10_000);
    await redis.set(key, '1');
    const again = await api().ok('jobs.retry', { ...celery, queue: RUN, id });
    expect((await settled(RUN, again.id)).returnValue).toBe('fixed');
  }, 40_000);
});
