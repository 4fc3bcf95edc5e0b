import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowProducer, type FlowJob, type Queue } from 'bullmq';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreHost } from '../../../src/core/host';
import type { ProcessInfo, ProcessLogLine } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data, finished, randomQueue, testQueue } from './helpers';

let redis: TestRedis;
let host: CoreHost;
let queue: Queue;
let flows: FlowProducer;
let worker: ProcessInfo;
const name = randomQueue();

beforeAll(async () => {
  redis = await startTestRedis();
  host = await connectedHost(redis);
  queue = testQueue(redis, name);
  flows = new FlowProducer({ connection: { port: redis.port } });
  const dir = mkdtempSync(join(tmpdir(), 'qd-flow-'));
  writeFileSync(
    join(dir, 'tasks.mjs'),
    `export const add = ({ args, previous }) => (previous ?? 0) + args.n;
export const sum = ({ childResults }) => childResults.reduce((a, b) => a + b, 0);
export const leaky = () => { Promise.reject(new Error('forgotten')); return 'ok'; };
`,
  );
  writeFileSync(join(dir, 'queuedesk.config.json'), JSON.stringify({ tasks: './tasks.mjs' }));
  await data(host, 'project.open', { configPath: dir });
  worker = await data<ProcessInfo>(host, 'workers.start', { queues: [name], concurrency: 3 });
});

afterAll(async () => {
  await flows.close();
  await queue.close();
  await host.close();
  await redis.stop();
});

describe('handler context in flows (an .mjs task module)', () => {
  it('a chain step gets the previous step result as `previous`', async () => {
    const step = (n: number, children?: FlowJob[]): FlowJob => ({
      name: 'add',
      queueName: name,
      data: { n },
      children,
    });
    const root = await flows.add(step(100, [step(10, [step(1)])]));
    const done = await finished(queue, root.job.id as string);
    expect(done.returnvalue).toBe(111);
  });

  it('a chord callback gets every child result as `childResults`', async () => {
    const children = [1, 2, 3, 4].map((n) => ({ name: 'add', queueName: name, data: { n } }));
    const root = await flows.add({ name: 'sum', queueName: name, data: {}, children });
    const done = await finished(queue, root.job.id as string);
    expect(done.returnvalue).toBe(10);
  });

  it('a promise a handler forgot to await is logged; the worker and its jobs carry on', async () => {
    const job = await queue.add('leaky', null);
    expect((await finished(queue, job.id as string)).returnvalue).toBe('ok');
    await waitUntil(async () => {
      const logs = await data<ProcessLogLine[]>(host, 'processes.logs', { processId: worker.id });
      return logs.some(
        (l) => l.level === 'error' && l.line.startsWith('unhandled rejection: Error: forgotten'),
      );
    });
    const [same] = await data<ProcessInfo[]>(host, 'workers.list');
    expect(same).toMatchObject({ pid: worker.pid, restarts: 0, state: 'running' });
  });
});
