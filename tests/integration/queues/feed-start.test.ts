import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullmqDriver } from '../../../src/core/queues/drivers/bullmq/driver';
import { QueueWatch } from '../../../src/core/queues/queue-watch';
import type { JobEvent } from '../../../src/shared/contract/queues';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { freshQueue } from './conformance-target';

let redis: TestRedis;
let raw: Redis;
let driver: BullmqDriver;

beforeAll(async () => {
  redis = await startTestRedis();
  raw = new Redis(redis.port);
  driver = new BullmqDriver({ port: redis.port }, 'bull');
});
afterAll(async () => {
  await driver.close();
  raw.disconnect();
  await redis.stop();
});

/** Starts a feed on the queue the way a first listing does, and collects what it delivers. */
async function follow(
  queue: string,
  sinceMs?: number,
): Promise<{ events: JobEvent[]; stop(): Promise<void> }> {
  const events: JobEvent[] = [];
  const watch = new QueueWatch(driver, { onEvent: (e) => events.push(e), onCounts: () => undefined });
  const listed = (await driver.listQueues()).filter((q) => q.name === queue);
  await watch.start(listed, sinceMs);
  return { events, stop: () => watch.stop() };
}

/** The millisecond Redis wrote the queue's newest event in (its stream id's first half). */
async function newestEventMs(queue: string): Promise<number> {
  const [newest] = await raw.xrevrange(`bull:${queue}:events`, '+', '-', 'COUNT', 1);
  return Number(newest![0].split('-')[0]);
}

describe('where a live feed starts', () => {
  it('from a moment of the server clock: a job added between that moment and the feed start is delivered', async () => {
    const q = freshQueue();
    const id = await driver.addJob(q, { task: 'between', args: {} });
    const feed = await follow(q, await newestEventMs(q));
    await waitUntil(() => feed.events.some((e) => e.id === id && e.kind === 'waiting'), 5000);
    await feed.stop();
  });

  it('from a later moment, or from now, leaves out what was written before', async () => {
    const q = freshQueue();
    const early = await driver.addJob(q, { task: 'before', args: {} });
    const later = await follow(q, (await newestEventMs(q)) + 1);
    const now = await follow(q);
    const next = await driver.addJob(q, { task: 'after', args: {} });
    await waitUntil(() => [later, now].every((f) => f.events.some((e) => e.id === next)), 5000);
    expect(later.events.map((e) => e.id)).not.toContain(early);
    expect(now.events.map((e) => e.id)).not.toContain(early);
    await Promise.all([later.stop(), now.stop()]);
  });
});
