import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Job, Queue } from 'bullmq';
import type { CoreHost } from '../../../src/core/host';
import type { ProcessInfo } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data, finished, randomQueue, testQueue } from '../worker/helpers';

let redis: TestRedis;
let host: CoreHost;
let queue: Queue;
let http: Server;
let base: string;

beforeAll(async () => {
  redis = await startTestRedis();
  host = await connectedHost(redis);
  queue = testQueue(redis, randomQueue());
  http = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      res.writeHead(req.url === '/missing' ? 404 : 201, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ method: req.method, url: req.url, type: req.headers['content-type'] ?? null, body }),
      );
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  await data(host, 'workers.start', { queues: [queue.name], concurrency: 4 });
});

afterAll(async () => {
  http.close();
  await queue.close();
  await host.close();
  await redis.stop();
});

async function run(task: string, args: unknown): Promise<Job> {
  const job = await queue.add(task, args);
  return finished(queue, job.id as string);
}

describe('built-in tasks in a worker process', () => {
  it('http.request sends JSON and returns the status and body', async () => {
    const done = await run('http.request', { url: `${base}/hook`, method: 'POST', body: { a: 1 } });
    expect(done.returnvalue).toMatchObject({ status: 201, ok: true, truncated: false });
    expect(JSON.parse(done.returnvalue.body)).toEqual({
      method: 'POST',
      url: '/hook',
      type: 'application/json',
      body: '{"a":1}',
    });
    const missing = await run('http.request', { url: `${base}/missing` });
    expect(missing.returnvalue).toMatchObject({ status: 404, ok: false });
    const bad = await run('http.request', { url: 'ftp://example.com/x' });
    expect(bad.failedReason).toMatch(/^http\.request: args\.url: /);
  });

  it('cache.set writes the key with its TTL', async () => {
    const done = await run('cache.set', { key: 'cache:answer', value: { n: 42 }, ttlMs: 60_000 });
    expect(done.returnvalue).toEqual({ key: 'cache:answer', ttlMs: 60_000 });
    const client = redis.client();
    expect(await client.get('cache:answer')).toBe('{"n":42}');
    const ttl = await client.pttl('cache:answer');
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('demo.progress reports progress and logs to the job', async () => {
    const done = await run('demo.progress', { steps: 4, stepMs: 10 });
    expect(done.progress).toBe(100);
    const { logs } = await queue.getJobLogs(done.id as string);
    expect(logs).toEqual(['progress 25%', 'progress 50%', 'progress 75%', 'progress 100%']);
  });

  it("a running job's progress shows in the worker's current jobs", async () => {
    const job = await queue.add('demo.progress', { steps: 10, stepMs: 300 });
    let seen: unknown;
    await waitUntil(
      async () => {
        const [worker] = await data<ProcessInfo[]>(host, 'workers.list');
        seen = worker?.currentJobs.find((j) => j.id === job.id)?.progress;
        return typeof seen === 'number' && seen > 0 && seen < 100;
      },
      5000,
      100,
    );
    expect(seen).toBeGreaterThan(0);
    await finished(queue, job.id as string);
  });
});
