import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { waitUntil } from '../../helpers/process-alive';

describe('keyspace notifications', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('shows set and expired events while on, and restores the setting when off', async () => {
    const admin = h.redis.client();
    await admin.config('SET', 'notify-keyspace-events', 'Kx');
    const on = await h.call('pubsub.keyspace', { enabled: true });
    expect(on.keyspace).toMatchObject({ enabled: true, pattern: '__keyevent@0__:*' });
    expect(on.state).not.toBe('idle');
    await admin.set('ks:short', 'v', 'PX', 50);
    await waitUntil(() =>
      h.messages().some((m) => m.channel === '__keyevent@0__:expired' && m.payload === 'ks:short'),
    );
    const set = h.messages().find((m) => m.channel === '__keyevent@0__:set')!;
    expect(set).toMatchObject({ payload: 'ks:short', pattern: '__keyevent@0__:*' });

    const off = await h.call('pubsub.keyspace', { enabled: false });
    expect(off.keyspace).toEqual({ enabled: false });
    expect(off.state).toBe('idle');
    expect(await admin.config('GET', 'notify-keyspace-events')).toEqual(['notify-keyspace-events', 'xK']);
  });
});

describe('keyspace notifications where CONFIG is refused', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(['--rename-command', 'CONFIG', '']);
  });
  afterAll(() => h.close());

  it('answers FORBIDDEN with what to do, and changes nothing', async () => {
    const r = await h.host.call('pubsub.keyspace', { enabled: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('FORBIDDEN');
    expect(r.error.message).toMatch(/refuses CONFIG/);
    expect(r.error.message).toMatch(/notify-keyspace-events/);
    const status = await h.call('pubsub.status', {});
    expect(status.keyspace).toEqual({ enabled: false });
    expect(status.state).toBe('idle');
  });
});
