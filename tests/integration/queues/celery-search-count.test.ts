import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CeleryDriver } from '../../../src/core/queues/drivers/celery/driver';
import { celeryKeys } from '../../../src/core/queues/drivers/celery/keys';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';

let redis: TestRedis;
let driver: CeleryDriver;
let raw: Redis;
beforeAll(async () => {
  redis = await startTestRedis();
  driver = new CeleryDriver({ host: '127.0.0.1', port: redis.port });
  raw = new Redis(redis.port, '127.0.0.1');
});
afterAll(async () => {
  raw?.disconnect();
  await driver?.close();
  await redis?.stop();
});

const copies = (queue: string, task: string, count: number, priority?: number) =>
  driver.addCopies(
    queue,
    { task, args: [1], ...(priority ? { options: { priority } } : {}) },
    { count, batchSize: 2500, onProgress: () => undefined },
  );

/** A message as Python's kombu writes it (spaces after separators), straight into a list. */
function pythonMessage(queue: string, task: string, args: unknown[]): string {
  const id = randomUUID();
  const body = Buffer.from(
    JSON.stringify([args, {}, { callbacks: null, errbacks: null, chain: null, chord: null }]),
  );
  return JSON.stringify({
    body: body.toString('base64'),
    'content-encoding': 'utf-8',
    'content-type': 'application/json',
    headers: { lang: 'py', task, id, root_id: id, parent_id: null, argsrepr: JSON.stringify(args) },
    properties: {
      delivery_info: { exchange: '', routing_key: queue },
      priority: 0,
      body_encoding: 'base64',
      delivery_tag: randomUUID(),
    },
  }).replace(/([,:])(?=["{[0-9n])/g, '$1 ');
}

const list = (
  queue: string,
  search: string | undefined,
  order: 'newest' | 'oldest',
  offset: number,
  limit: number,
) => driver.listJobs(queue, { state: 'waiting', offset, limit, order, ...(search ? { search } : {}) });

describe('celery search over many waiting messages', () => {
  // Longer than one read (5,000) in two priority lists, so the count crosses reads and lists.
  const sizes = { low: 7_003, mid: 5_001, high: 3 };
  const queue = `count-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    await copies(queue, 'qd.count', sizes.low);
    await copies(queue, 'qd.count', sizes.mid, 5);
    await copies(queue, 'qd.count', sizes.high, 10);
    // Odd ones in the middle of the copies: other shapes, a message that is not JSON, an escaped task name.
    const odd = [
      pythonMessage(queue, 'tasks.other', ['qd.count in the args']),
      pythonMessage(queue, 'tasks.other', ['nothing']),
      'not a json message qd.count',
      '{"body":"","headers":{"task":"qd.\\u0063ount\\"","id":"esc"},"properties":{}}',
    ];
    await raw.linsert(queue, 'BEFORE', (await raw.lindex(queue, 3000)) as string, odd[0] as string);
    await raw.lpush(celeryKeys.bucket(queue, 3), odd[1] as string, odd[2] as string);
    await raw.rpush(queue, odd[3] as string);
  }, 60_000);

  it('counts every match exactly, across reads and priority lists, in either order', async () => {
    const all = sizes.low + sizes.mid + sizes.high + 4;
    expect((await list(queue, undefined, 'newest', 0, 1)).total).toBe(all);
    for (const order of ['newest', 'oldest'] as const) {
      expect((await list(queue, 'qd.count', order, 0, 5)).total).toBe(all - 4 + 3);
      expect((await list(queue, 'QD.COUNT', order, 0, 5)).total).toBe(all - 4 + 3);
      expect((await list(queue, 'tasks.other', order, 0, 5)).total).toBe(2);
      expect((await list(queue, 'nothing', order, 0, 5)).total).toBe(1);
      expect((await list(queue, '"', order, 0, 5)).total).toBe(all - 1); // bodies are JSON; the raw text has none
    }
  });

  it('pages through matches in the same order as the plain list, across reads and lists', async () => {
    for (const order of ['newest', 'oldest'] as const) {
      // Windows clear of the odd messages, across a read (5,000) and from one priority list to the next.
      for (const offset of [10, 4_998, 5_003, 7_000, 12_000]) {
        const plain = (await list(queue, undefined, order, offset, 6)).jobs;
        expect(plain.map((j) => j.task)).toEqual(Array(6).fill('qd.count'));
        // One message does not match: "nothing", 5th newest, so before every window newest first, after them oldest.
        const at = order === 'newest' ? offset - 1 : offset;
        const page = await list(queue, 'count', order, at, plain.length);
        expect(page.jobs.map((j) => j.id)).toEqual(plain.map((j) => j.id));
      }
    }
  });
});
