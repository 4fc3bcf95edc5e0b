import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Schedule } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startCeleryWorker, type CeleryWorker } from '../../helpers/celery-worker';
import { useApiHost } from '../queues/api-host';

/** QueueDesk's beat firing Celery tasks on a real Celery 5.2.6 worker, beside a BullMQ schedule of the same queue. */
const api = useApiHost();
const QUEUE = 'qd-beat';
let worker: CeleryWorker;

beforeAll(async () => {
  worker = await startCeleryWorker(api().redis.url, [QUEUE]);
  await api().ok('beat.start', {});
}, 30_000);
afterAll(async () => {
  await api().host.call('beat.stop', {});
  await worker?.stop();
});

interface Meta {
  status: string;
  result: { args: unknown[]; kwargs: Record<string, unknown> };
  task_id: string;
}

/** The results the worker stored for one schedule's ticks (task id `beat-<schedule>-<due>`), by due time. */
async function tickResults(scheduleId: string): Promise<Array<{ due: number; meta: Meta }>> {
  const redis = api().redis.client();
  const prefix = `celery-task-meta-beat-${scheduleId}-`;
  const keys = await redis.keys(`${prefix}*`);
  const metas = keys.length ? await redis.mget(...keys) : [];
  return keys
    .map((k, i) => ({ due: Number(k.slice(prefix.length)), meta: JSON.parse(metas[i] as string) as Meta }))
    .filter((t) => t.meta.status === 'SUCCESS')
    .sort((a, b) => a.due - b.due);
}

describe('beat with Celery schedules', () => {
  it('runs an every-2 s Celery schedule on the worker, and an edit of args and interval applies without a restart', async () => {
    const s = await api().ok('beat.add', {
      id: 'cb',
      engine: 'celery',
      task: 'qd.echo',
      queue: QUEUE,
      args: [1],
      kwargs: { who: 'first' },
      trigger: { every: 2000 },
    });
    expect(s).toMatchObject({ engine: 'celery', kwargs: { who: 'first' } });
    await waitUntil(async () => (await tickResults('cb')).length >= 2, 15_000, 50);
    const first = await tickResults('cb');
    expect(first[0]?.due).toBe(s.nextRunAt);
    expect((first[1]?.due as number) - (first[0]?.due as number)).toBe(2000);
    expect(first[0]?.meta.result).toEqual({ args: [1], kwargs: { who: 'first' } });

    const edited = await api().ok('beat.update', {
      id: 'cb',
      args: [2],
      kwargs: { who: 'second' },
      trigger: { every: 1000 },
    });
    const from = edited.nextRunAt as number;
    const after = async () => (await tickResults('cb')).filter((t) => t.due >= from);
    await waitUntil(async () => (await after()).length >= 3, 15_000, 50);
    const later = await after();
    expect(later[0]?.due).toBe(from);
    expect((later[2]?.due as number) - (later[0]?.due as number)).toBe(2000);
    for (const t of later) expect(t.meta.result).toEqual({ args: [2], kwargs: { who: 'second' } });
    // Every tick of the old settings came before the edit took effect.
    const old = (await tickResults('cb')).filter((t) => t.due < from);
    for (const t of old) expect(t.meta.result.kwargs).toEqual({ who: 'first' });
    await api().ok('beat.remove', { id: 'cb' });
  }, 45_000);

  it('keeps a BullMQ schedule of the same queue name apart, both listed with their engine', async () => {
    const bull = await api().ok('beat.add', {
      id: 'bq',
      task: 'demo.echo',
      queue: QUEUE,
      args: { n: 1 },
      trigger: { every: 1000 },
    });
    const celery = await api().ok('beat.add', {
      id: 'cq',
      engine: 'celery',
      task: 'qd.add',
      queue: QUEUE,
      args: [2, 3],
      trigger: { every: 1000 },
    });
    const queue = new Queue(QUEUE, { connection: { port: api().redis.port } });
    try {
      const bullTick = `beat-bq-${bull.nextRunAt}`;
      await waitUntil(async () => (await queue.getJob(bullTick)) !== undefined, 10_000, 50);
      await waitUntil(async () => (await tickResults('cq')).length >= 1, 10_000, 50);
      expect((await queue.getJob(bullTick))?.data).toEqual({ n: 1 });
      const cq = await tickResults('cq');
      expect(cq[0]?.due).toBe(celery.nextRunAt);
      expect(cq[0]?.meta.result).toBe(5);
      // No Celery message went to BullMQ and no BullMQ job reached the Celery worker.
      expect(await queue.getJob(`beat-cq-${celery.nextRunAt}`)).toBeUndefined();
      expect(await api().redis.client().exists(`celery-task-meta-${bullTick}`)).toBe(0);
      const listed = await api().ok('beat.list', {});
      const engines = Object.fromEntries(listed.map((x: Schedule) => [x.id, x.engine]));
      expect(engines).toMatchObject({ bq: 'bullmq', cq: 'celery' });
    } finally {
      await api().ok('beat.remove', { id: 'bq' });
      await api().ok('beat.remove', { id: 'cq' });
      await queue.close();
    }
  }, 30_000);

  it('never sends a Celery tick twice, even when a stale state makes it due again (Celery runs repeated ids)', async () => {
    const idle = 'qd-beat-idle'; // no worker consumes it, so the messages stay countable
    const at = new Date(Date.now() + 500).toISOString();
    const s = await api().ok('beat.add', {
      id: 'once',
      engine: 'celery',
      task: 'qd.add',
      queue: idle,
      args: [1, 1],
      trigger: { at },
    });
    const runs = async () =>
      (await api().ok('beat.list', {})).find((x: Schedule) => x.id === 'once')?.runCount;
    await waitUntil(async () => (await runs()) === 1, 10_000, 50);
    const redis = api().redis.client();
    expect(await redis.llen(idle)).toBe(1);
    // What a beat that lost the lock mid-round would see: the same tick still due.
    await redis.hset(
      'queuedesk:beat:state',
      'once',
      JSON.stringify({ lastRunAt: null, nextRunAt: s.nextRunAt, runCount: 5 }),
    );
    await waitUntil(async () => (await runs()) === 6, 10_000, 50);
    expect(await redis.llen(idle)).toBe(1);
    await api().ok('beat.remove', { id: 'once' });
    await redis.del(idle);
  });

  it('refuses what the engine would drop, changing nothing', async () => {
    const base = { task: 'qd.add', queue: QUEUE, trigger: { every: 60_000 } };
    const kwargsOnBull = await api().err('beat.add', { ...base, id: 'x1', kwargs: { a: 1 } });
    expect(kwargsOnBull).toMatchObject({ code: 'UNSUPPORTED' });
    expect(kwargsOnBull.message).toMatch(/bullmq.*kwargs/);
    const retriesOnCelery = await api().err('beat.add', {
      ...base,
      id: 'x2',
      engine: 'celery',
      options: { attempts: 3 },
    });
    expect(retriesOnCelery).toMatchObject({ code: 'UNSUPPORTED' });
    const badEngine = await api().err('beat.add', { ...base, id: 'x3', engine: 'sidekiq' });
    expect(badEngine).toMatchObject({ code: 'INVALID_INPUT' });
    await api().ok('beat.add', { ...base, id: 'x4', engine: 'celery', args: [1, 1] });
    const toBull = await api().err('beat.update', { id: 'x4', kwargs: { a: 1 }, engine: 'bullmq' });
    expect(toBull).toMatchObject({ code: 'UNSUPPORTED' });
    const listed = await api().ok('beat.list', {});
    expect(listed.map((x: Schedule) => x.id)).toEqual(['x4']);
    expect(listed[0]).toMatchObject({ engine: 'celery', kwargs: null });
    await api().ok('beat.update', { id: 'x4', kwargs: { a: 1 } });
    // Moving it to BullMQ means dropping its kwargs explicitly (null).
    const moved = await api().ok('beat.update', { id: 'x4', engine: 'bullmq', kwargs: null });
    expect(moved).toMatchObject({ engine: 'bullmq', kwargs: null });
    await api().ok('beat.remove', { id: 'x4' });
  });
});
