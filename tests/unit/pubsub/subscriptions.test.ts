import { expect, it } from 'vitest';
import { SubscriptionSet } from '../../../src/core/pubsub/subscriptions';

it('tracks channels, patterns and shard channels apart, and tells what is new', () => {
  const set = new SubscriptionSet();
  set.add({ channels: ['a', 'b'], patterns: ['a*'] });
  expect(set.missing({ channels: ['a', 'c', 'c'], patterns: ['a*', 'b*'], shardChannels: ['a'] })).toEqual({
    channels: ['c'],
    patterns: ['b*'],
    shardChannels: ['a'],
  });
  set.remove({ channels: ['a'], patterns: ['nope'] });
  expect(set.toJSON()).toEqual({ channels: ['b'], patterns: ['a*'], shardChannels: [] });
  expect(set.size).toBe(2);
  expect(set.has('patterns', 'a*')).toBe(true);
  expect(set.has('channels', 'a*')).toBe(false);
});
