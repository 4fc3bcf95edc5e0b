import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowResult, JobDetail, JobEvent } from '../../../src/shared/contract/queues';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { startServeProcess, type ServeProcess } from '../../helpers/serve-process';
import { WsApi } from '../../helpers/ws-api';
import { freshQueue } from './conformance-target';

// The built `queuedesk serve` (needs `electron-vite build`), its QueueDesk worker process and a user task module:
// the engine end to end, through the WebSocket API only.
const TASKS = `
export const add = ({ args, previous }) => (previous ?? 0) + args;
export const sum = ({ childResults }) => childResults.reduce((a, b) => a + b, 0);
export const square = ({ args }) => args * args;
`;

let redis: TestRedis;
let serve: ServeProcess;
let api: WsApi;
const queue = freshQueue();

beforeAll(async () => {
  redis = await startTestRedis();
  serve = await startServeProcess(['--redis', redis.url]);
  api = await WsApi.open(serve.apiUrl);
  const dir = mkdtempSync(join(tmpdir(), 'qd-project-'));
  writeFileSync(join(dir, 'tasks.mjs'), TASKS);
  writeFileSync(
    join(dir, 'queuedesk.config.json'),
    JSON.stringify({ tasks: './tasks.mjs', queues: [queue] }),
  );
  await api.data('project.open', { configPath: join(dir, 'queuedesk.config.json') });
  await api.data('workers.start', { queues: [queue], concurrency: 4 });
}, 60_000);

afterAll(async () => {
  api?.close();
  await serve?.stop();
  await redis?.stop();
});

async function settled(id: string, timeoutMs = 20_000): Promise<JobDetail> {
  let job: JobDetail | undefined;
  await waitUntil(
    async () => {
      job = await api.data<JobDetail>('jobs.get', { queue, id });
      return job.state === 'completed' || job.state === 'failed';
    },
    timeoutMs,
    50,
  );
  return job as JobDetail;
}

describe('queue engine through serve, with a QueueDesk worker', () => {
  it('demo.fail with 3 failures and 4 attempts ends completed after exponential back-off', async () => {
    const options = { attempts: 4, backoff: { type: 'exponential', delayMs: 100 } };
    const { id } = await api.data<{ id: string }>('jobs.add', {
      queue,
      task: 'demo.fail',
      args: { failures: 3 },
      options,
    });
    const job = await settled(id);
    expect(job).toMatchObject({
      state: 'completed',
      attemptsMade: 4,
      returnValue: { succeededOnAttempt: 4 },
    });
    // Back-off waits 100 + 200 + 400 ms between the four runs.
    expect((job.timestamps.finished as number) - (job.timestamps.created as number)).toBeGreaterThanOrEqual(700);
  });

  it('demo.fail with 2 attempts ends failed with the reason', async () => {
    const { id } = await api.data<{ id: string }>('jobs.add', {
      queue,
      task: 'demo.fail',
      args: { failures: 3, message: 'planned failure' },
      options: { attempts: 2, backoff: { type: 'fixed', delayMs: 50 } },
    });
    const job = await settled(id);
    const { state, attemptsMade, failedReason } = job;
    expect({ state, attemptsMade, failedReason }).toEqual({
      state: 'failed',
      attemptsMade: 2,
      failedReason: 'planned failure',
    });
    expect(job.stacktrace.length).toBeGreaterThan(0);
  });

  it('a chain of 3 passes each result to the next step', async () => {
    const flow = await api.data<FlowResult>('flows.add', {
      queue,
      kind: 'chain',
      steps: [1, 10, 100].map((n) => ({ task: 'add', args: n })),
    });
    const root = await settled(flow.rootId as string);
    expect(root.returnValue).toBe(111);
    const middle = await api.data<JobDetail>('jobs.get', { queue, id: flow.jobs[1]?.id });
    expect(middle.returnValue).toBe(11);
  });

  it("a chord's callback receives all group results", async () => {
    const flow = await api.data<FlowResult>('flows.add', {
      queue,
      kind: 'chord',
      steps: [1, 2, 3, 4].map((n) => ({ task: 'square', args: n })),
      callback: { task: 'sum', args: null },
    });
    const root = await settled(flow.rootId as string);
    expect(root.returnValue).toBe(30);
  });

  it('streams state changes over the WebSocket as batched queues.events', async () => {
    await api.data('queues.list', {});
    const { id } = await api.data<{ id: string }>('jobs.add', { queue, task: 'demo.echo', args: { hi: 1 } });
    const batch = (await api.waitForEvent('queues.events', (d) =>
      (d as { events: JobEvent[] }).events.some((e) => e.id === id && e.kind === 'completed'),
    )) as { events: JobEvent[] };
    expect(batch.events.find((e) => e.id === id && e.kind === 'completed')).toMatchObject({
      queue,
      prefix: 'bull',
      returnValue: { hi: 1 },
    });
    const list = await api.data<Array<{ name: string; workers: number }>>('queues.list', {});
    expect(list.find((q) => q.name === queue)?.workers).toBe(1);
  });
});
