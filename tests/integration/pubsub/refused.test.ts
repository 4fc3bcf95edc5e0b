import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // A user allowed only the channels under "allowed:", as an ACL on a shared Redis would.
  await h.redis
    .client()
    .call('ACL', 'SETUSER', 'limited', 'on', '>pw', '~*', 'resetchannels', '&allowed:*', '+@all');
  await h.call('connection.connect', { mode: 'url', url: h.redis.url, username: 'limited', password: 'pw' });
});
afterAll(() => h.close());

it('a refused subscription changes nothing, and the allowed ones keep working', async () => {
  await h.call('pubsub.subscribe', { channels: ['allowed:1'] });
  const r = await h.host.call('pubsub.subscribe', { channels: ['allowed:2', 'secret'] });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.message).toMatch(/NOPERM|permission/i);
  expect((await h.call('pubsub.status', {})).channels).toEqual(['allowed:1']);
  const admin = h.redis.client();
  const numsub = (await admin.call('PUBSUB', 'NUMSUB', 'allowed:1', 'allowed:2')) as unknown[];
  expect(numsub.map(String)).toEqual(['allowed:1', '1', 'allowed:2', '0']);
  const start = h.messages().length;
  await admin.publish('allowed:1', 'still here');
  const got = await h.waitForMessages(start + 1);
  expect(got[start]).toMatchObject({ channel: 'allowed:1', payload: 'still here' });
});
