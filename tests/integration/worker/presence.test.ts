import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'bullmq';
import type { CoreHost } from '../../../src/core/host';
import type { WorkersEverywhere, WorkerSummary } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data, finished, randomQueue, testQueue } from './helpers';

// The app's own worker (forked by the host), a `queuedesk worker` standing in for another machine (its host name
// given as QUEUEDESK_HOST_NAME, as in a container) and another app's BullMQ Worker, all on one queue.
const ROOT = resolve(import.meta.dirname, '../../..');
let redis: TestRedis;
let host: CoreHost;
let cli: ChildProcess | undefined;
let foreign: Worker | undefined;

beforeAll(async () => {
  redis = await startTestRedis();
  host = await connectedHost(redis);
});

afterAll(async () => {
  cli?.kill('SIGKILL');
  await foreign?.close(true);
  await host.close();
  await redis.stop();
});

describe('workers on every machine', () => {
  it("are listed with their host and pid, QueueDesk's own apart from another app's, and leave when stopped", async () => {
    const queue = randomQueue();
    const q = testQueue(redis, queue);
    await data(host, 'workers.start', { queues: [queue], concurrency: 3 });
    let out = '';
    cli = spawn(
      process.execPath,
      [
        join(ROOT, 'bin/queuedesk.js'),
        'worker',
        '--config',
        'resources/example',
        '--redis',
        redis.url,
        '--queues',
        queue,
        '--concurrency',
        '2',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, QUEUEDESK_HOST_NAME: 'build-box-2' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    cli.stdout?.on('data', (d) => (out += d));
    cli.stderr?.on('data', (d) => (out += d));
    await waitUntil(
      () => out.includes(`consuming ${queue}`),
      20_000,
      25,
      () => out,
    );
    foreign = new Worker(queue, async () => undefined, {
      connection: { port: redis.port, maxRetriesPerRequest: null },
      name: 'billing-app',
    });
    await foreign.waitUntilReady();

    const everywhere = async (): Promise<WorkersEverywhere> =>
      data<WorkersEverywhere>(host, 'workers.everywhere', {});
    await waitUntil(
      async () => (await everywhere()).workers.filter((w) => w.queue === queue).length === 3,
      10_000,
    );
    const all = await everywhere();
    expect(all.hosts).toEqual(expect.arrayContaining(['build-box-2', hostname()]));
    const mine = all.workers.filter((w) => w.queue === queue);
    const cliRow = mine.find((w) => w.presence?.host === 'build-box-2');
    expect(cliRow).toMatchObject({
      queuedesk: true,
      presence: { via: 'cli', concurrency: 2, queues: [queue] },
    });
    expect(cliRow?.presence?.pid).toBe(cli.pid);
    expect(mine.find((w) => w.presence?.via === 'app')).toMatchObject({
      queuedesk: true,
      presence: { host: hostname(), concurrency: 3 },
    });
    expect(mine.find((w) => w.name === 'billing-app')).toMatchObject({ queuedesk: false });
    expect(mine.find((w) => w.name === 'billing-app')?.presence).toBeUndefined();

    // A running job shows on the worker that runs it. It runs until cancelled below: a job that ended by itself
    // could end (and leave the announcements) between the reads, on a loaded machine.
    await q.pause();
    const job = await q.add('demo.sleep', { ms: 120_000 });
    await foreign.close();
    await q.resume();
    await waitUntil(async () => {
      const rows = await data<WorkerSummary[]>(host, 'queues.workers', { queue });
      return rows.some((r) => r.active === 1);
    }, 10_000);
    const rows = await data<WorkerSummary[]>(host, 'queues.workers', { queue });
    const busy = rows.find((r) => r.active === 1);
    expect(busy?.hostname).toBeDefined();
    expect(busy?.lastHeartbeat).toBeGreaterThan(Date.now() - 30_000);
    const presences = (await everywhere()).presences;
    expect(presences.flatMap((p) => p.currentJobs.map((j) => j.id))).toContain(job.id);
    await data(host, 'jobs.cancel', { queue, id: job.id, reason: 'seen running' });
    expect((await finished(q, job.id as string)).failedReason).toBe('cancelled: seen running');

    // `queuedesk worker` stopped: its announcement goes with it.
    cli.kill('SIGTERM');
    await new Promise((r) => cli?.once('exit', r));
    expect((await everywhere()).presences.some((p) => p.host === 'build-box-2')).toBe(false);
    await q.close();
  }, 60_000);
});
