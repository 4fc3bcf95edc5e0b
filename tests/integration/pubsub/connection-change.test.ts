import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { waitUntil } from '../../helpers/process-alive';
import { startHarness, type Harness } from './harness';

let h: Harness;
let other: TestRedis;
beforeAll(async () => {
  h = await startHarness();
  other = await startTestRedis();
});
afterAll(async () => {
  await h.close();
  await other.stop();
});

const lastStatus = () => h.statuses().at(-1)!;

it('keeps subscriptions across a disconnect and restores them on reconnect', async () => {
  await h.call('pubsub.subscribe', { channels: ['cc:a'] });
  await h.call('connection.disconnect', {});
  expect(lastStatus()).toMatchObject({ state: 'down', channels: ['cc:a'] });
  expect(lastStatus().note).toMatch(/disconnected/);
  const r = await h.host.call('pubsub.subscribe', { channels: ['cc:b'] });
  expect(r.ok ? null : r.error.code).toBe('NOT_CONNECTED');

  await h.call('connection.connect', { mode: 'url', url: h.redis.url });
  await waitUntil(() => lastStatus().state === 'ready');
  expect(lastStatus().note).toMatch(/re-subscribed to 1 channel/);
  expect((await h.call('pubsub.status', {})).channels).toEqual(['cc:a']);
  await h.redis.client().publish('cc:a', 'back');
  await waitUntil(() => h.messages().some((m) => m.payload === 'back'));
});

it('moves its subscriptions to a new server, turning keyspace events off and restoring the old setting', async () => {
  await h.call('pubsub.keyspace', { enabled: true });
  const old = h.redis.client();
  expect((await old.config('GET', 'notify-keyspace-events'))[1]).not.toBe('');
  await h.call('connection.connect', { mode: 'url', url: other.url });
  await waitUntil(() => lastStatus().state === 'ready' && /another server/.test(lastStatus().note ?? ''));
  const status = await h.call('pubsub.status', {});
  expect(status.keyspace).toEqual({ enabled: false });
  expect(status.channels).toEqual(['cc:a']);
  expect(await other.client().publish('cc:a', 'on the new server')).toBe(1);
  await waitUntil(() => h.messages().some((m) => m.payload === 'on the new server'));
  await waitUntil(async () => (await old.config('GET', 'notify-keyspace-events'))[1] === '');
});
