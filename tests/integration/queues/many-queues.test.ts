import { afterAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { waitUntil } from '../../helpers/process-alive';
import { useApiHost } from './api-host';

const h = useApiHost();
const QUEUES = 1000;
let shared: Redis | undefined;
const queues: Queue[] = [];

afterAll(async () => {
  await Promise.all(queues.map((q) => q.close()));
  shared?.disconnect();
});

/** The connections QueueDesk's host holds on the server (every one it opens carries a queuedesk name). */
async function hostConnections(redis: Redis): Promise<string[]> {
  const list = String(await redis.client('LIST'));
  return list
    .split('\n')
    .map((line) => / name=(\S*)/.exec(line)?.[1] ?? '')
    .filter((name) => name.startsWith('queuedesk'));
}

describe('a thousand queues', () => {
  it('are listed at once and followed live on a fixed few connections', async () => {
    shared = new Redis({ port: h().redis.port, connectionName: 'the-app' });
    for (let i = 0; i < QUEUES; i++) queues.push(new Queue(`many-${i}`, { connection: shared }));
    await Promise.all(queues.map((q, i) => q.add('seed', { i })));
    const listed = await h().ok('queues.list', { refresh: true });
    expect(listed.filter((q) => q.name.startsWith('many-'))).toHaveLength(QUEUES);
    // Every queue's events reach the host: one of the first and one of the last queues.
    for (const q of [queues[0]!, queues[QUEUES - 1]!]) {
      const job = await q.add('later', null);
      await waitUntil(() => h().sawEvent(q.name, job.id!, 'waiting'), 10_000);
    }
    const names = await hostConnections(shared);
    // One blocking reader for every queue's events, beside the drivers' command connections.
    expect(names.filter((n) => n === 'queuedesk:events')).toHaveLength(1);
    expect(
      names.filter((n) => n.startsWith('queuedesk:queues') || n === 'queuedesk:events').length,
    ).toBeLessThanOrEqual(4);
    // The whole host: the connection's own client and beat's notifier besides (one per watched queue before).
    expect(names.length).toBeLessThanOrEqual(6);
  }, 120_000);
});
