import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { beatKeys } from '../../../src/core/beat/keys';
import { readLeadership } from '../../../src/core/beat/members';
import { BeatRunner } from '../../../src/core/beat/runner';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';

// What `beat.leader` reads: the lock says who leads; announcements say where each beat runs.
let server: TestRedis;
const runners: BeatRunner[] = [];

function beat(redis: Redis, via: 'app' | 'cli'): { runner: BeatRunner; leads: Promise<void> } {
  let led!: () => void;
  const leads = new Promise<void>((resolve) => (led = resolve));
  const runner = new BeatRunner({
    redis,
    prefix: 'bull',
    lockTtlMs: 1000,
    via,
    log: () => undefined,
    onLeadership: (leader) => leader && led(),
  });
  runners.push(runner);
  runner.start();
  return { runner, leads };
}

beforeAll(async () => {
  server = await startTestRedis();
});
afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await server.stop();
});

describe('beat leadership as shown', () => {
  it('names the leader and the standby; a leader cut off from Redis is shown as silent once another leads', async () => {
    const viewer = server.client();
    expect(await readLeadership(viewer)).toMatchObject({ leader: null, standbys: [], lockExpiresInMs: null });

    const cutOff = server.client();
    const a = beat(cutOff, 'cli');
    await a.leads;
    const b = beat(server.client(), 'app');
    // B's first round has run once its announcement is there.
    await expect.poll(async () => (await readLeadership(viewer)).standbys.length).toBe(1);
    const both = await readLeadership(viewer);
    expect(both.leader).toMatchObject({ token: a.runner.token, pid: process.pid, via: 'cli' });
    expect(both.leader?.leaderSince).toEqual(expect.any(Number));
    expect(both.standbys).toMatchObject([{ token: b.runner.token, via: 'app', leaderSince: null }]);
    expect(both.lockExpiresInMs).toBeGreaterThan(0);

    cutOff.disconnect(); // A can no longer renew, nor say it stands by
    await b.leads;
    const after = await readLeadership(viewer);
    expect(after.leader?.token).toBe(b.runner.token);
    expect(after.silent.map((m) => m.token)).toEqual([a.runner.token]);
    expect(after.standbys).toEqual([]);
  });

  it('says so when the lock is held by a beat that does not announce itself', async () => {
    const redis = server.client();
    await Promise.all(runners.map((r) => r.stop()));
    await redis.set(beatKeys.lock, 'an-older-queuedesk', 'PX', 10_000);
    expect(await readLeadership(redis)).toMatchObject({ leader: null, unknownLeader: true });
  });
});
