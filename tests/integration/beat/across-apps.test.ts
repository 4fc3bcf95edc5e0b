import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreHost } from '../../../src/core/host';
import type { Schedule } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data } from '../worker/helpers';

let redis: TestRedis;
let here: CoreHost;
let there: CoreHost;
const seenHere: Schedule[][] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  [here, there] = await Promise.all([connectedHost(redis), connectedHost(redis)]);
  here.onEvent((event, payload) => event === 'beat.changed' && seenHere.push(payload as Schedule[]));
  // Both apps listen on the beat channel once connected.
  const client = redis.client();
  await waitUntil(async () => {
    const [, subscribers] = (await client.pubsub('NUMSUB', 'queuedesk:beat:changed')) as [string, number];
    return subscribers === 2;
  }, 5000);
});

afterAll(async () => {
  await Promise.all([here.close(), there.close()]);
  await redis.stop();
});

describe('two app instances on one Redis', () => {
  it("see each other's schedule edits and the other one's beat firing, as beat.changed", async () => {
    await data(there, 'beat.add', { id: 'shared', task: 'demo.echo', queue: 'q', trigger: { every: 300 } });
    await waitUntil(() => seenHere.some((list) => list.some((s) => s.id === 'shared')), 5000);
    await data(there, 'beat.start'); // the beat runs under the other app only
    await waitUntil(
      () => seenHere.some((list) => list.some((s) => s.id === 'shared' && s.runCount >= 2)),
      10_000,
    );
    await data(there, 'beat.stop');
    await data(there, 'beat.remove', { id: 'shared' });
    await waitUntil(() => seenHere.at(-1)?.length === 0, 5000);
    expect(await data(here, 'beat.list')).toEqual([]);
  });
});
