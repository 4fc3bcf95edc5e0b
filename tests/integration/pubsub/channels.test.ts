import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

it('lists active channels with subscriber counts and NUMPAT', async () => {
  await h.call('pubsub.subscribe', { channels: ['ch:one', 'ch:two'], patterns: ['ch:*'] });
  const other = h.redis.client();
  await other.subscribe('ch:two');
  const shard = h.redis.client();
  await shard.ssubscribe('ch:shard');
  const listed = await h.call('pubsub.channels', { match: 'ch:*' });
  expect(listed.channels).toEqual([
    { channel: 'ch:two', subscribers: 2 },
    { channel: 'ch:one', subscribers: 1 },
    { channel: 'ch:shard', subscribers: 1, shard: true },
  ]);
  expect(listed.patterns).toBe(1);
  expect(listed.truncated).toBe(false);
});

it('subscribes to shard channels on Redis 7', async () => {
  const subs = await h.call('pubsub.subscribe', { shardChannels: ['s:1'] });
  expect(subs.shardChannels).toEqual(['s:1']);
  const start = h.messages().length;
  expect(await h.call('pubsub.publish', { channel: 's:1', payload: 'sharded', shard: true })).toEqual({
    receivers: 1,
  });
  const got = await h.waitForMessages(start + 1);
  expect(got[start]).toMatchObject({ channel: 's:1', payload: 'sharded', shard: true });
  expect((await h.call('pubsub.status', {})).shardSupported).toBe(true);
});
