import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { MethodName, Params, Result } from '../../../src/shared/contract';
import type { QueueSummary } from '../../../src/shared/contract/queues';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { commandStats, loadBetween, populate } from '../../helpers/redis-time';
import { freshQueue } from './conformance-target';

const KEYS = 250_000;
const WINDOW_MS = 8000;

let redis: TestRedis;
let host: CoreHost;
const counts: QueueSummary[][] = [];
const queues = [freshQueue(), freshQueue(), freshQueue()];

async function ok<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
  const r = await host.call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data as Result<M>;
}

beforeAll(async () => {
  redis = await startTestRedis(['--enable-debug-command', 'local']);
  await populate(redis.client(), KEYS);
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-idle-')) });
  host.onEvent((event, data) => {
    if (event === 'queues.counts') counts.push((data as { queues: QueueSummary[] }).queues);
  });
  await ok('connection.connect', { mode: 'url', url: redis.url });
  for (const queue of queues) await ok('jobs.add', { queue, task: 'demo.echo', args: { n: 1 } });
  // Opening the Queues panel: the first listing looks everywhere (the user asked) and starts the live feed.
  await ok('queues.list', {});
}, 60_000);

afterAll(async () => {
  await host?.close();
  await redis?.stop();
});

describe('an idle QueueDesk on a big keyspace', () => {
  it('costs Redis under 1% of its time and walks no full keyspace on its own', async () => {
    const probe = redis.client();
    // What the open UI keeps asking on every panel: the status bar's figures and the active channels.
    const statusBar = setInterval(() => void host.call('server.info', {}), 2000);
    const channels = setInterval(() => void host.call('pubsub.channels', {}), 3000);
    try {
      const before = await commandStats(probe);
      const started = Date.now();
      await new Promise((r) => setTimeout(r, WINDOW_MS)); // the measured window itself, not a synchronisation
      const load = loadBetween(before, await commandStats(probe), Date.now() - started);
      console.log(`idle at ${KEYS} keys: redis_time_pct=${load.timePct.toFixed(3)}`, load.calls);
      expect(load.timePct).toBeLessThan(1);
      // A full pass would be KEYS / 1000 SCAN pages at the fast page size; the background one is far slower.
      expect(load.calls.get('scan') ?? 0).toBeLessThan(KEYS / 1000);
    } finally {
      clearInterval(statusBar);
      clearInterval(channels);
    }
  }, 30_000);

  it('shows a change made here that sends no job event (a pause) without waiting for the quiet poll', async () => {
    const queue = queues[0] as string;
    await ok('queues.pause', { queue });
    // Quiet counts are read every 5 s; a change made through QueueDesk is read on the next 1 s tick.
    await waitUntil(() => counts.at(-1)?.find((q) => q.name === queue)?.paused === true, 2500);
    await ok('queues.resume', { queue });
  });

  it('still finds a queue created elsewhere at once when a worker connects to it', async () => {
    const queue = freshQueue();
    const connection = { port: redis.port, maxRetriesPerRequest: null } as ConnectionOptions;
    const outside = new Queue(queue, { connection });
    await outside.add('x', {});
    const worker = new Worker(queue, async () => 'done', { connection });
    try {
      await waitUntil(() => counts.at(-1)?.some((q) => q.name === queue && q.workers === 1) ?? false, 10_000);
    } finally {
      await worker.close();
      await outside.close();
    }
  }, 20_000);

  it('finds a queue created elsewhere, without a worker, when the list is refreshed', async () => {
    const queue = freshQueue();
    const outside = new Queue(queue, { connection: { port: redis.port } });
    await outside.add('x', {});
    await outside.close();
    expect((await ok('queues.list', {})).some((q) => q.name === queue)).toBe(false);
    expect((await ok('queues.list', { refresh: true })).some((q) => q.name === queue)).toBe(true);
  }, 20_000);
});
