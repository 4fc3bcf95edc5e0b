import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus, JobDetail, QueueSummary } from '../../../src/shared/contract';
import type { JobEvent } from '../../../src/shared/contract/queues';
import { startCeleryWorker, type CeleryWorker } from '../../helpers/celery-worker';
import { waitUntil } from '../../helpers/process-alive';
import { startTestSentinels, type TestSentinels } from '../../helpers/redis-sentinel';
import { randomUUID } from 'node:crypto';
import { controlEnvelope } from '../../../src/core/queues/drivers/celery/envelope';
import { data } from '../worker/helpers';

/**
 * A real Celery 5.2.6 worker whose broker and result backend are kombu's `sentinel://` transport, and QueueDesk
 * connected through the same sentinels: both follow a failover of the primary.
 */
const QUEUE = 'qd-sentinel';
const celery = { engine: 'celery' as const };
let set: TestSentinels;
let host: CoreHost;
let worker: CeleryWorker;
const events: JobEvent[] = [];
const saw = (id: string, kind: JobEvent['kind']): boolean =>
  events.some((e) => e.id === id && e.kind === kind);

beforeAll(async () => {
  set = await startTestSentinels('celery-master');
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-celery-sentinel-')) });
  host.onEvent((event, payload) => {
    if (event === 'queues.events') events.push(...(payload as { events: JobEvent[] }).events);
  });
  await data(host, 'connection.connect', { mode: 'sentinel', sentinels: set.sentinels, name: set.name });
  const broker = set.sentinels.map((s) => `sentinel://${s}/0`).join(';');
  worker = await startCeleryWorker(broker, [QUEUE], 'ws@qd', { QD_SENTINEL_MASTER: set.name });
}, 60_000);
afterAll(async () => {
  await worker?.stop();
  await host?.close();
  await set?.stop();
});

/** How many workers QueueDesk's queue card shows (remote control and heartbeats, both over the fanout channels). */
async function workersOnCard(): Promise<number | null | undefined> {
  const list = await data<QueueSummary[]>(host, 'queues.list', celery);
  return list.find((q) => q.name === QUEUE)?.workers;
}

async function finished(id: string, timeout = 30_000): Promise<JobDetail> {
  let last: JobDetail | undefined;
  await waitUntil(
    async () => {
      const r = await host.call('jobs.get', { ...celery, queue: QUEUE, id });
      last = r.ok ? (r.data as JobDetail) : undefined;
      return last !== undefined && ['completed', 'failed'].includes(last.state);
    },
    timeout,
    50,
    () => `${JSON.stringify(last)}\n${worker.output().slice(-3000)}`,
  );
  return last!;
}

describe('Celery over Sentinel', () => {
  it('lists the queue, runs a task QueueDesk enqueued, and after a failover both follow the new primary', async () => {
    // The worker declared its queue through the sentinels' primary: QueueDesk finds it there.
    await waitUntil(async () => {
      const list = await data<QueueSummary[]>(host, 'queues.list', celery);
      return list.some((q) => q.name === QUEUE);
    }, 10_000);
    const first = await data<{ id: string }>(host, 'jobs.add', {
      ...celery,
      queue: QUEUE,
      task: 'qd.add',
      args: [2, 3],
    });
    expect(await finished(first.id)).toMatchObject({ state: 'completed', returnValue: 5 });
    // The worker's events reach QueueDesk's live feed (kombu publishes them on the primary).
    await waitUntil(() => saw(first.id, 'completed'), 10_000);
    expect(worker.output()).toMatch(/Connected to sentinel:\/\//);
    // Remote control reaches the worker, which listens on kombu's Sentinel channel, and it answers.
    await waitUntil(async () => (await workersOnCard()) === 1, 15_000, 100);

    // The primary dies: the sentinels promote the replica; QueueDesk follows it.
    await set.primary.kill();
    await waitUntil(async () => (await set.primaryPort()) === set.replica.port, 30_000, 100);
    await waitUntil(
      () => {
        const s: ConnectionStatus = host.connection.status();
        return s.state === 'connected' && s.primary === `127.0.0.1:${set.replica.port}`;
      },
      30_000,
      50,
    );

    // A task enqueued from QueueDesk now is picked up by the worker, which found the new primary too.
    const after = await data<{ id: string }>(host, 'jobs.add', {
      ...celery,
      queue: QUEUE,
      task: 'qd.add',
      args: [20, 22],
    });
    const done = await finished(after.id, 60_000);
    expect(done).toMatchObject({ state: 'completed', returnValue: 42 });
    // The live feed re-subscribed on the new primary: the worker's event for it arrives.
    await waitUntil(() => saw(after.id, 'completed'), 10_000);
    const list = await data<QueueSummary[]>(host, 'queues.list', celery);
    expect(list.find((q) => q.name === QUEUE)).toBeDefined();
    await waitUntil(async () => (await workersOnCard()) === 1, 15_000, 100);
    // Its result is on the new primary, where Celery's result backend wrote it.
    const meta = await set.replica.client().get(`celery-task-meta-${after.id}`);
    expect(JSON.parse(meta!)).toMatchObject({ status: 'SUCCESS', result: 42 });
  }, 120_000);

  it('counts an event published on both fanout channels (kombu ≥ 5.4 in compat mode) once', async () => {
    const id = randomUUID();
    const event = { type: 'task-sent', uuid: id, name: 'qd.add', queue: QUEUE, timestamp: Date.now() / 1000 };
    const envelope = controlEnvelope(event, { hostname: 'compat@qd' }, 'celeryev', 'task.sent');
    const primary = set.replica.client();
    await primary.publish('/0.celeryev/task.sent', envelope);
    await primary.publish('/{db}.celeryev/task.sent', envelope);
    // A later, different event is the sign both copies were handled.
    const marker = randomUUID();
    await primary.publish(
      '/0.celeryev/task.sent',
      controlEnvelope({ ...event, uuid: marker }, { hostname: 'compat@qd' }, 'celeryev', 'task.sent'),
    );
    await waitUntil(() => events.some((e) => e.id === marker), 10_000);
    expect(events.filter((e) => e.id === id)).toHaveLength(1);
  });
});
