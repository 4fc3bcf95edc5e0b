import { Queue, QueueEvents, type Job } from 'bullmq';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreHost } from '../../../src/core/host';
import type { TestRedis } from '../../helpers/redis-server';

/** A core host connected to the test Redis, as serve runs it (workers forked with child_process.fork). */
export async function connectedHost(redis: TestRedis): Promise<CoreHost> {
  const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-host-')) });
  const r = await host.call('connection.connect', { mode: 'url', url: redis.url });
  if (!r.ok) throw new Error(r.error.message);
  return host;
}

export async function data<T>(host: CoreHost, method: string, params: unknown = {}): Promise<T> {
  const r = await host.call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

export function randomQueue(): string {
  return `q-${Math.random().toString(36).slice(2, 10)}`;
}

export function testQueue(redis: TestRedis, name: string): Queue {
  return new Queue(name, { connection: { port: redis.port } });
}

/** Waits for a job to finish, completed or failed, and returns it fresh from Redis (read after the final state). */
export async function finished(queue: Queue, id: string, timeoutMs = 20_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await queue.getJobState(id);
    if (state === 'completed' || state === 'failed') return (await queue.getJob(id)) as Job;
    if (Date.now() > deadline) throw new Error(`job ${id} did not finish within ${timeoutMs} ms (${state})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { QueueEvents };
