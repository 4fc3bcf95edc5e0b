import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitUntil } from '../../helpers/process-alive';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  // An external server with a small pubsub output-buffer limit: one message bigger than it gets a subscriber cut.
  h = await startHarness(['--client-output-buffer-limit', 'pubsub', '32kb', '0', '0']);
});
afterAll(() => h.close());

it('a subscriber the server cuts off is counted, with an upper bound on what it missed', async () => {
  await h.call('pubsub.subscribe', { channels: ['cut'] });
  const pub = h.redis.client();
  for (let i = 0; i < 5; i++) await pub.publish('cut', `before-${i}`);
  await h.waitForMessages(5);
  // Too big for the limit: the server drops the connection instead of sending it; then two more while it is away.
  await pub.publish('cut', 'x'.repeat(100_000));
  await pub.publish('cut', 'gone-1');
  await pub.publish('other', 'not-ours');
  await waitUntil(() => h.statuses().some((s) => s.cutOffs === 1 && s.state === 'ready'), 15_000);
  const status = await h.call('pubsub.status', {});
  expect(status).toMatchObject({ cutOffs: 1, resubscribes: 1, received: 5 });
  // At least the big one and the next were missed; publishes to other channels may count in the bound too.
  expect(status.missedAtMost).toBeGreaterThanOrEqual(2);
  expect(status.missedAtMost).toBeLessThanOrEqual(3);
  expect(status.note).toMatch(/at most [23] message/);
  await pub.publish('cut', 'after');
  const got = await h.waitForMessages(6);
  expect(got.at(-1)).toMatchObject({ channel: 'cut', payload: 'after' });
});
