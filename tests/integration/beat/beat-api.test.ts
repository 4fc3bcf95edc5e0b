import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreHost } from '../../../src/core/host';
import type { Schedule } from '../../../src/shared/contract';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { connectedHost, data } from '../worker/helpers';

let redis: TestRedis;
let host: CoreHost;

beforeAll(async () => {
  redis = await startTestRedis();
  host = await connectedHost(redis);
});

afterAll(async () => {
  await host.close();
  await redis.stop();
});

async function refused(method: string, params: unknown, code = 'INVALID_INPUT'): Promise<string> {
  const r = await host.call(method, params);
  expect(r).toMatchObject({ ok: false, error: { code } });
  return r.ok ? '' : r.error.message;
}

describe('beat.* API (schedules in Redis)', () => {
  it('adds, lists, edits, disables and removes a schedule', async () => {
    const before = Date.now();
    const added = await data<Schedule>(host, 'beat.add', {
      task: 'demo.echo',
      queue: 'default',
      args: { n: 1 },
      trigger: { every: 60_000 },
    });
    expect(added.id).toEqual(expect.any(String));
    expect(added.nextRunAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(added).toMatchObject({ enabled: true, runCount: 0, lastRunAt: null, source: 'api' });
    const raw = await redis.client().hget('queuedesk:beat:schedules', added.id);
    expect(JSON.parse(raw as string)).toMatchObject({ task: 'demo.echo', trigger: { every: 60_000 } });

    const stateBefore = await redis.client().hget('queuedesk:beat:state', added.id);
    const edited = await data<Schedule>(host, 'beat.update', { id: added.id, args: { n: 2 } });
    expect(edited).toMatchObject({ args: { n: 2 }, nextRunAt: added.nextRunAt });
    // Editing what runs leaves the run state (the leader's) alone.
    expect(await redis.client().hget('queuedesk:beat:state', added.id)).toBe(stateBefore);

    const cron = await data<Schedule>(host, 'beat.update', {
      id: added.id,
      trigger: { cron: '0 9 * * *', tz: 'Asia/Tokyo' },
    });
    expect(new Date(cron.nextRunAt as number).getUTCHours()).toBe(0); // 09:00 in Tokyo
    const off = await data<Schedule>(host, 'beat.enable', { id: added.id, enabled: false });
    expect(off).toMatchObject({ enabled: false, nextRunAt: null });
    const on = await data<Schedule>(host, 'beat.enable', { id: added.id, enabled: true });
    expect(on.nextRunAt).toBe(cron.nextRunAt);

    expect((await data<Schedule[]>(host, 'beat.list')).map((s) => s.id)).toEqual([added.id]);
    expect(await data(host, 'beat.remove', { id: added.id })).toEqual({
      removed: true,
      schedule: expect.objectContaining({ id: added.id, task: 'demo.echo', args: { n: 2 } }),
    });
    expect(await data(host, 'beat.remove', { id: added.id })).toEqual({ removed: false });
    expect(await data<Schedule[]>(host, 'beat.list')).toEqual([]);
  });

  it('restores a removed schedule from the trash, once, with its timing started over', async () => {
    const added = await data<Schedule>(host, 'beat.add', {
      id: 'nightly',
      task: 'demo.echo',
      queue: 'default',
      args: ['report'],
      trigger: { cron: '0 3 * * *', tz: 'UTC' },
      enabled: true,
    });
    await data(host, 'beat.remove', { id: 'nightly' });
    expect(await redis.client().hexists('queuedesk:beat:trash', 'nightly')).toBe(1);
    const back = await data<Schedule>(host, 'beat.restore', { id: 'nightly' });
    expect(back).toMatchObject({
      id: 'nightly',
      task: 'demo.echo',
      args: ['report'],
      trigger: added.trigger,
    });
    expect(back.nextRunAt).toBe(added.nextRunAt);
    expect((await data<Schedule[]>(host, 'beat.list')).map((s) => s.id)).toEqual(['nightly']);
    expect(await refused('beat.restore', { id: 'nightly' }, 'NOT_FOUND')).toMatch(/no removed schedule/);
    // Removed again and re-added under the same id meanwhile: restoring would overwrite it, so it is refused.
    await data(host, 'beat.remove', { id: 'nightly' });
    await data(host, 'beat.add', {
      id: 'nightly',
      task: 'other',
      queue: 'default',
      trigger: { every: 5000 },
    });
    expect(await refused('beat.restore', { id: 'nightly' }, 'CONFLICT')).toMatch(/exists again/);
    await data(host, 'beat.remove', { id: 'nightly' });
  });

  it('previews the next 5 fire times of a cron trigger in its time zone', async () => {
    const from = Date.parse('2026-03-28T23:50:00Z');
    const { times } = await data<{ times: number[] }>(host, 'beat.preview', {
      trigger: { cron: '0 2 * * *', tz: 'Europe/Paris' },
      from,
    });
    expect(times).toHaveLength(5);
    // 02:00 Paris is 01:00Z in winter; the night of 29 March has no 02:00 (DST), then 00:00Z in summer.
    expect(times.map((t) => new Date(t).toISOString().slice(0, 16))).toEqual([
      '2026-03-29T01:00',
      '2026-03-30T00:00',
      '2026-03-31T00:00',
      '2026-04-01T00:00',
      '2026-04-02T00:00',
    ]);
    const every = await data<{ times: number[] }>(host, 'beat.preview', {
      trigger: { every: 1000 },
      from: 0,
      count: 3,
    });
    expect(every.times).toEqual([1000, 2000, 3000]);
  });

  it('refuses bad input with the field named, and stores nothing', async () => {
    const base = { task: 'demo.echo', queue: 'default' };
    expect(await refused('beat.add', { ...base, trigger: { cron: '61 * * * *' } })).toMatch(
      /^trigger\.cron: invalid cron expression "61 \* \* \* \*"/,
    );
    expect(await refused('beat.preview', { trigger: { cron: 'every tuesday' } })).toMatch(/^trigger\.cron: /);
    expect(
      await refused('beat.add', { ...base, trigger: { cron: '* * * * *', tz: 'Mars/Olympus' } }),
    ).toMatch(/unknown time zone/);
    expect(await refused('beat.add', { ...base, trigger: { every: 10 } })).toMatch(
      /every must be at least 100 ms/,
    );
    expect(await refused('beat.add', { ...base, trigger: { at: '2001-01-01T00:00:00Z' } })).toMatch(
      /^trigger\.at: .* is in the past/,
    );
    expect(await refused('beat.add', { ...base, trigger: { every: 1000 }, options: { jobId: 'x' } })).toMatch(
      /^options\.jobId: /,
    );
    expect(await refused('beat.add', { ...base, queue: 'a:b', trigger: { every: 1000 } })).toMatch(
      /^queue: /,
    );
    expect(await refused('beat.add', { queue: 'default', trigger: { every: 1000 } })).toMatch(/^task: /);
    expect(await refused('beat.update', { id: 'missing', enabled: false }, 'NOT_FOUND')).toMatch(
      /no schedule "missing"/,
    );
    expect(await data<Schedule[]>(host, 'beat.list')).toEqual([]);

    await data(host, 'beat.add', { ...base, id: 'dup', trigger: { every: 1000 } });
    expect(await refused('beat.add', { ...base, id: 'dup', trigger: { every: 5000 } }, 'CONFLICT')).toMatch(
      /already exists/,
    );
    expect((await data<Schedule[]>(host, 'beat.list')).map((s) => s.trigger)).toEqual([{ every: 1000 }]);
  });
});
