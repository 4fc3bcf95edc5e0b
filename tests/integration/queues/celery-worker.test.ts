import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { CoreHost } from '../../../src/core/host';
import type { JobEvent } from '../../../src/shared/contract/queues';
import { call, cast } from '../../../src/core/queues/drivers/celery/control';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { pythonSend, startCeleryWorker, type CeleryWorker } from '../../helpers/celery-worker';
import { useApiHost } from './api-host';

/** QueueDesk against a real Celery 5.2.6 worker (prefork, c=2, events on): one worker for the whole file. */
const api = useApiHost();
const RUN = 'qd-run';
const PY = 'qd-py';
let worker: CeleryWorker;
let redis: Redis;

beforeAll(async () => {
  worker = await startCeleryWorker(api().redis.url, [RUN]);
  redis = api().redis.client();
  await api().ok('queues.list', {}); // starts the live feed
}, 30_000);
afterAll(async () => {
  await worker?.stop();
});

const celery = { engine: 'celery' as const };
const get = (queue: string, id: string) => api().ok('jobs.get', { ...celery, queue, id });
/** Waits for a final state; a chain step Python sent is NOT_FOUND until the worker sends it. */
const finished = async (queue: string, id: string, timeout = 20_000) => {
  await waitUntil(
    async () => {
      const r = await api().host.call('jobs.get', { ...celery, queue, id });
      if (!r.ok && r.error.code !== 'NOT_FOUND') throw new Error(r.error.message);
      return r.ok && ['completed', 'failed'].includes((r.data as { state: string }).state);
    },
    timeout,
    50,
  );
  return get(queue, id);
};

describe('tasks QueueDesk sends run on a Celery worker', () => {
  it('runs plain, kwargs, countdown, priority, expires and time-limited tasks with the expected results', async () => {
    const add = (args: unknown[], options = {}) =>
      api().ok('jobs.add', { ...celery, queue: RUN, task: 'qd.add', args, options });
    const plain = await add([2, 3]);
    const kw = await api().ok('jobs.add', {
      ...celery,
      queue: RUN,
      task: 'qd.echo',
      args: [1],
      kwargs: { name: 'ann' },
    });
    const later = await add([4, 4], { delayMs: 3000 });
    const prio = await add([5, 5], { priority: 10 });
    const expiring = await add([6, 6], { expiresMs: 60_000 });
    const expired = await add([7, 7], { eta: new Date(Date.now() - 120_000).toISOString(), expiresMs: 1 });
    const limited = await api().ok('jobs.add', {
      ...celery,
      queue: RUN,
      task: 'qd.sleep',
      args: [5],
      options: { timeLimitSec: 1 },
    });
    expect((await finished(RUN, plain.id)).returnValue).toBe(5);
    expect((await finished(RUN, kw.id)).returnValue).toEqual({ args: [1], kwargs: { name: 'ann' } });
    const delayed = await finished(RUN, later.id);
    expect(delayed.returnValue).toBe(8);
    // Celery 5.2's worker was seen to run an ETA task up to ~0.9 s before its ETA (its timer, not our message: the
    // ETA read back is the one sent); a countdown ignored altogether would finish about 3 s early.
    expect(delayed.timestamps.finished).toBeGreaterThanOrEqual(Date.parse(delayed.celery?.eta as string) - 1000);
    expect((await finished(RUN, prio.id)).returnValue).toBe(10);
    expect((await finished(RUN, expiring.id)).returnValue).toBe(12);
    const revoked = await finished(RUN, expired.id);
    expect(revoked.celery).toMatchObject({ status: 'REVOKED', exception: { type: 'TaskRevokedError' } });
    const killed = await finished(RUN, limited.id);
    expect(killed.celery?.exception?.type).toBe('TimeLimitExceeded');
  }, 40_000);

  it('runs a chain of 3 and a chord of 3 (with its counter), and link / link_error callbacks', async () => {
    const chain = await api().ok('flows.add', {
      ...celery,
      queue: RUN,
      kind: 'chain',
      steps: [
        { task: 'qd.add', args: [1, 2] },
        { task: 'qd.add', args: [10] },
        { task: 'qd.add', args: [100] },
      ],
    });
    const chord = await api().ok('flows.add', {
      ...celery,
      queue: RUN,
      kind: 'chord',
      steps: [1, 2, 3].map((n) => ({ task: 'qd.add', args: [n, n] })),
      callback: { task: 'qd.tsum', args: [] },
    });
    const linked = await api().ok('jobs.add', {
      ...celery,
      queue: RUN,
      task: 'qd.add',
      args: [20, 1],
      link: [{ task: 'qd.add', args: [1000] }],
      linkError: [{ task: 'qd.echo', args: ['errback'] }],
    });
    expect((await finished(RUN, chain.rootId as string)).returnValue).toBe(113);
    expect((await finished(RUN, chain.jobs[1]?.id as string)).returnValue).toBe(13);
    expect((await finished(RUN, chord.rootId as string)).returnValue).toBe(12);
    const group = await api().ok('flows.add', {
      ...celery,
      queue: RUN,
      kind: 'group',
      steps: [
        { task: 'qd.add', args: [1, 1] },
        { task: 'qd.fail', args: ['member broke'] },
      ],
    });
    await finished(RUN, group.jobs[0]?.id as string);
    await finished(RUN, group.jobs[1]?.id as string);
    expect((await get(RUN, group.jobs[0]?.id as string)).celery?.groupProgress).toEqual({
      done: 2,
      failed: 1,
      size: 2,
    });
    expect((await finished(RUN, linked.id)).returnValue).toBe(21);
    expect(worker.output()).toMatch(/qd\.add\[[^\]]+\] succeeded in [\d.]+s: 1021/);
  }, 40_000);
});

describe('tasks Python sends', () => {
  it('lists and decodes them while waiting, then follows them to SUCCESS and FAILURE', async () => {
    const ids = await pythonSend<Record<string, string>>(api().redis.url, ['browse', PY]);
    const row = (await api().ok('queues.list', {})).find((q) => q.name === PY);
    // delay, options, fail, the chain's first step and the chord's three header tasks.
    expect(row).toMatchObject({ engine: 'celery', counts: { waiting: 7, completed: null, failed: null } });
    expect(row?.levels).toEqual([
      { priority: 0, waiting: 6 },
      { priority: 3, waiting: 0 },
      { priority: 6, waiting: 1 },
      { priority: 9, waiting: 0 },
    ]);
    const page = await api().ok('jobs.list', {
      ...celery,
      queue: PY,
      state: 'waiting',
      order: 'oldest',
      limit: 3,
    });
    expect(page.total).toBe(7);
    expect(page.jobs.map((j) => j.id)).toEqual([ids.delay, ids.fail, ids.chain_first]);
    expect(page.jobs[0]).toMatchObject({ task: 'qd.add', argsPreview: '[2,3]', state: 'waiting' });
    const found = await api().ok('jobs.list', {
      ...celery,
      queue: PY,
      state: 'waiting',
      search: 'BROKEN ON',
    });
    expect(found.jobs.map((j) => j.id)).toEqual([ids.fail]);
    const options = await get(PY, ids.options as string);
    expect(options).toMatchObject({ task: 'qd.echo', state: 'waiting', args: [1, 'x'] });
    expect(options.celery).toMatchObject({
      status: 'PENDING',
      kwargs: { k: 'v' },
      priority: 6,
      timeLimit: { hard: 20, soft: 10 },
    });
    expect(Date.parse(options.celery?.eta as string)).toBeGreaterThan(Date.now() + 20_000);
    expect(options.celery?.expires).toBeTruthy();
    // The chord's header tasks wait with the chord counter the producer set: none of 3 done yet.
    const details = await Promise.all(
      (await api().ok('jobs.list', { ...celery, queue: PY, state: 'waiting' })).jobs.map((j) =>
        get(PY, j.id),
      ),
    );
    const header = details.filter((d) => d.celery?.chord);
    expect(header.map((d) => d.celery?.chordProgress)).toEqual([0, 1, 2].map(() => ({ done: 0, size: 3 })));
    expect(header[0]?.celery?.chord?.id).toBe(ids.chord_body);
    const first = await get(PY, ids.chain_first as string);
    expect(first.celery?.chain.map((c) => c.id)).toEqual([expect.any(String), ids.chain_last]);
    // The worker starts consuming the queue (remote control add_consumer), and QueueDesk follows the results.
    await cast(redis, 0, 'add_consumer', { queue: PY });
    expect((await finished(PY, ids.delay as string)).returnValue).toBe(5);
    const failed = await finished(PY, ids.fail as string);
    expect(failed.celery).toMatchObject({
      status: 'FAILURE',
      exception: { type: 'ValueError', message: 'broken on purpose' },
    });
    expect(failed.celery?.traceback).toMatch(/ValueError: broken on purpose/);
    // A task Python sent is retried from its extended result (name, args, kwargs, queue): it runs again.
    const again = await api().ok('jobs.retry', { ...celery, queue: PY, id: ids.fail as string });
    expect(again.id).not.toBe(ids.fail);
    const rerun = await finished(PY, again.id);
    expect(rerun).toMatchObject({ task: 'qd.fail', args: ['broken on purpose'] });
    expect(rerun.celery?.exception?.message).toBe('broken on purpose');
    expect((await finished(PY, ids.chain_last as string)).returnValue).toBe(113);
    expect((await finished(PY, ids.chord_body as string)).returnValue).toBe(6);
  }, 60_000);
});

describe('refusing malformed messages', () => {
  it('refuses bad input with INVALID_INPUT before anything is pushed, and the worker stays alive', async () => {
    const q = 'qd-fuzz';
    const bad: unknown[] = [
      { task: 'qd.add', args: { x: 1 } },
      { task: 'qd.add', args: 'text' },
      { task: 'qd.add', args: [1], kwargs: [1, 2] },
      { task: 'qd.add', args: [1], options: { eta: 'tomorrow' } },
      { task: 'qd.add', args: [1], options: { priority: 0 } },
      { task: 'qd.add', args: [1], options: { timeLimitSec: -5 } },
      { task: '', args: [] },
      { task: 'qd.add', args: [1], link: [{ task: 'qd.add', args: 'x' }] },
      { task: 'qd.add', args: [1], argsJson: '[1' },
    ];
    for (const input of bad) {
      const error = await api().err('jobs.add', { ...celery, queue: q, ...(input as object) });
      expect(error.code).toBe('INVALID_INPUT');
    }
    const flow = await api().err('flows.add', {
      ...celery,
      queue: q,
      kind: 'chain',
      steps: [
        { task: 'qd.add', args: [1] },
        { task: 'qd.add', args: { a: 1 } },
      ],
    });
    expect(flow.code).toBe('INVALID_INPUT');
    expect(await redis.exists(q, `${q}\x06\x163`, `${q}\x06\x166`, `${q}\x06\x169`)).toBe(0);
    expect(isAlive(worker.proc.pid as number)).toBe(true);
    expect(
      (
        await finished(
          RUN,
          (await api().ok('jobs.add', { ...celery, queue: RUN, task: 'qd.add', args: [1, 1] })).id,
        )
      ).returnValue,
    ).toBe(2);
  }, 30_000);
});

describe('acting on tasks', () => {
  it('retries a FAILURE under a new id, and it re-runs', async () => {
    const key = `qd-flaky-${Date.now()}`;
    const { id } = await api().ok('jobs.add', { ...celery, queue: RUN, task: 'qd.flaky', args: [key] });
    expect((await finished(RUN, id)).celery?.status).toBe('FAILURE');
    await redis.set(key, '1');
    const retried = await api().ok('jobs.retry', { ...celery, queue: RUN, id });
    expect(retried.id).not.toBe(id);
    expect((await finished(RUN, retried.id)).returnValue).toBe('fixed');
    const done = await api().err('jobs.retry', { ...celery, queue: RUN, id: retried.id });
    expect(done.code).toBe('CONFLICT');
  }, 30_000);

  it('shows a task a worker holds for its ETA as reserved, with its visibility time, and revokes it', async () => {
    const { id } = await api().ok('jobs.add', {
      ...celery,
      queue: RUN,
      task: 'qd.add',
      args: [1, 1],
      options: { delayMs: 60_000 },
    });
    const held = async () => (await api().ok('jobs.list', { ...celery, queue: RUN, state: 'delayed' })).jobs;
    await waitUntil(async () => (await held()).some((j) => j.id === id), 10_000, 50);
    const job = await get(RUN, id);
    expect(job.state).toBe('delayed');
    expect(job.celery?.status).toBe('RECEIVED');
    expect(job.celery?.reserved?.visibilityLeftSec).toBeGreaterThan(3500);
    expect(
      (await api().ok('queues.list', { engine: 'celery' })).find((q) => q.name === RUN)?.counts.delayed,
    ).toBe(1);
    await api().ok('jobs.revoke', { ...celery, queue: RUN, id });
    // Celery discards a revoked task when its ETA comes; until then the worker lists it among its revoked ids.
    await waitUntil(
      async () => {
        const revoked = (await call(redis, 0, 'revoked')).get(worker.node);
        return Array.isArray(revoked) && revoked.includes(id);
      },
      10_000,
      50,
    );
  }, 30_000);

  it('revokes and terminates a running task', async () => {
    const { id } = await api().ok('jobs.add', { ...celery, queue: RUN, task: 'qd.sleep', args: [30] });
    await waitUntil(async () => (await get(RUN, id)).celery?.status === 'STARTED', 15_000, 50);
    await api().ok('jobs.revoke', { ...celery, queue: RUN, id, terminate: true });
    const ended = await finished(RUN, id, 10_000);
    expect(ended.celery).toMatchObject({ status: 'REVOKED', exception: { type: 'TaskRevokedError' } });
  }, 30_000);

  it('deletes one waiting message and purges a queue, saying how many', async () => {
    const q = 'qd-purge';
    const ids = [];
    for (let i = 0; i < 4; i++) {
      // Priority 1 is the highest on both engines: kombu priority 0; 4 becomes kombu 3, the second list.
      const options = { priority: i === 0 ? 4 : 1 };
      ids.push(
        (await api().ok('jobs.add', { ...celery, queue: q, task: 'qd.add', args: [i, i], options })).id,
      );
    }
    const row = (await api().ok('queues.list', { engine: 'celery' })).find((r) => r.name === q);
    expect(row?.levels?.map((l) => l.waiting)).toEqual([3, 1, 0, 0]);
    expect(await api().ok('jobs.remove', { ...celery, queue: q, id: ids[1] as string })).toEqual({
      removed: true,
    });
    expect((await api().err('jobs.get', { ...celery, queue: q, id: 'nope' })).code).toBe('NOT_FOUND');
    expect((await api().err('queues.obliterate', { ...celery, queue: q })).code).toBe(
      'CONFIRMATION_REQUIRED',
    );
    expect(await api().ok('queues.obliterate', { ...celery, queue: q, confirm: 3 })).toEqual({
      removedJobs: 3,
    });
    expect((await api().ok('queues.list', { engine: 'celery' })).map((r) => r.name)).not.toContain(q);
  });
});

describe('workers, tasks and events', () => {
  it('lists the worker of a queue and its registered tasks through remote control', async () => {
    const workers = await api().ok('queues.workers', { ...celery, queue: RUN });
    expect(workers).toEqual([
      expect.objectContaining({ hostname: 'w1@qd', pid: worker.proc.pid, pool: 'prefork', concurrency: 2 }),
    ]);
    expect(workers[0]?.processed).toBeGreaterThan(0);
    const tasks = await api().ok('tasks.list', { ...celery, queue: RUN });
    expect(tasks.tasks.map((t) => t.name)).toEqual(expect.arrayContaining(['qd.add', 'qd.echo', 'qd.tsum']));
    expect(tasks.tasks[0]?.workers).toEqual(['w1@qd']);
    expect((await api().ok('tasks.list', {})).tasks.some((t) => t.source === 'builtin')).toBe(true);
  }, 15_000);

  it('feeds worker task events into the job event stream', async () => {
    const { id } = await api().ok('jobs.add', { ...celery, queue: RUN, task: 'qd.add', args: [40, 2] });
    await waitUntil(() => api().sawEvent(RUN, id, 'completed'), 15_000);
    const kinds = api()
      .jobEvents(RUN)
      .filter((e) => e.id === id)
      .map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['waiting', 'active', 'completed']));
    expect(
      api()
        .jobEvents(RUN)
        .find((e) => e.id === id && e.kind === 'completed')?.returnValue,
    ).toBe('42');
    expect(await redis.llen('queuedesk:celery:events')).toBeGreaterThan(0);
  }, 20_000);

  it("grows and shrinks one worker's pool by remote control, seen in its stats", async () => {
    const concurrency = async () =>
      (await api().ok('queues.workers', { ...celery, queue: RUN }))[0]?.concurrency;
    const before = (await concurrency()) as number;
    const grown = await api().ok('workers.poolResize', {
      ...celery,
      queue: RUN,
      hostname: 'w1@qd',
      delta: 1,
    });
    expect(grown.replies).toEqual([{ hostname: 'w1@qd', ok: true, message: 'pool will grow' }]);
    await waitUntil(async () => (await concurrency()) === before + 1, 10_000, 100);
    const shrunk = await api().ok('workers.poolResize', {
      ...celery,
      queue: RUN,
      hostname: 'w1@qd',
      delta: -1,
    });
    expect(shrunk.replies).toEqual([{ hostname: 'w1@qd', ok: true, message: 'pool will shrink' }]);
    await waitUntil(async () => (await concurrency()) === before, 10_000, 100);
    const bad = await api().err('workers.poolResize', { ...celery, queue: RUN, hostname: 'w1@qd', delta: 0 });
    expect(bad.code).toBe('INVALID_INPUT');
    const nobody = await api().err('workers.poolResize', {
      ...celery,
      queue: RUN,
      hostname: 'w9@nowhere',
      delta: 1,
    });
    expect(nobody.code).toBe('NOT_FOUND');
  }, 30_000);

  it("sets a task's rate limit on the queue's workers, which say ok and list it", async () => {
    const set = await api().ok('tasks.rateLimit', { ...celery, queue: RUN, task: 'qd.add', rate: '10/m' });
    expect(set.replies).toEqual([
      { hostname: 'w1@qd', ok: true, message: expect.stringContaining('new rate limit set successfully') },
    ]);
    const registered = await call(redis, 0, 'registered', { taskinfoitems: ['rate_limit'] });
    expect(registered.get('w1@qd')).toContain('qd.add [rate_limit=10/m]');
    await api().ok('tasks.rateLimit', { ...celery, queue: RUN, task: 'qd.add', rate: '0' });
    for (const rate of ['fast', '10/d', '']) {
      const bad = await api().err('tasks.rateLimit', { ...celery, queue: RUN, task: 'qd.add', rate });
      expect(bad.code).toBe('INVALID_INPUT');
    }
  }, 20_000);

  it('lets a host started later (an app restart) read the task states an earlier host saw', async () => {
    const { id } = await api().ok('jobs.add', { ...celery, queue: RUN, task: 'qd.add', args: [1, 1] });
    await waitUntil(() => api().sawEvent(RUN, id, 'completed'), 15_000);
    const later = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-restart-')) });
    try {
      const connected = await later.call('connection.connect', { mode: 'url', url: api().redis.url });
      expect(connected.ok).toBe(true);
      const read = await later.call('queues.eventHistory', { ...celery, queue: RUN, limit: 50 });
      if (!read.ok) throw new Error(read.error.message);
      const { events } = read.data as { events: JobEvent[] };
      const mine = events.filter((e) => e.id === id);
      expect(mine.map((e) => e.kind)).toEqual(expect.arrayContaining(['waiting', 'active', 'completed']));
      expect(mine.at(-1)).toMatchObject({ kind: 'completed', returnValue: '2' }); // oldest first
      expect(events.every((e) => e.queue === RUN)).toBe(true);
      const one = await later.call('queues.eventHistory', { ...celery, limit: 1 });
      expect(one.ok && (one.data as { events: JobEvent[] }).events).toHaveLength(1);
      const bad = await later.call('queues.eventHistory', { ...celery, limit: 0 });
      expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
    } finally {
      await later.close();
    }
  }, 20_000);
});
