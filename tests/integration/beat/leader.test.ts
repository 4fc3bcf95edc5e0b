import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { ScheduleStore } from '../../../src/core/beat/store';
import { nodeFork } from '../../../src/core/supervisor/fork';
import { BEAT_ID, Supervisor } from '../../../src/core/supervisor/supervisor';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { randomQueue } from '../worker/helpers';
import { duplicatedEvents, ticks } from './helpers';

const LOCK_TTL = 1500;
const EVERY = 250;

let redis: TestRedis;
let queue: Queue;
const beats: Supervisor[] = [];

/** A separate supervisor per beat, as two QueueDesk apps (or two `queuedesk beat`) on one Redis would be. */
function beatApp(): Supervisor {
  const s = new Supervisor({
    fork: nodeFork,
    connection: () => ({ port: redis.port }),
    prefix: () => 'bull',
    taskModule: () => null,
    beatLockTtlMs: LOCK_TTL,
    restartDelay: () => 60_000, // keep the killed leader down for the whole test
  });
  beats.push(s);
  return s;
}

beforeAll(async () => {
  redis = await startTestRedis();
  queue = new Queue(randomQueue(), { connection: { port: redis.port } });
});

afterAll(async () => {
  await Promise.all(beats.map((b) => b.stopAll()));
  await queue.close();
  await redis.stop();
});

describe('two beat processes on one Redis', () => {
  it('only the leader fires; after kill -9 the other takes over once the lock expires, no tick twice', async () => {
    const [a, b] = [beatApp(), beatApp()];
    a.startBeat();
    b.startBeat();
    await Promise.all([a.get(BEAT_ID).whenReady(20_000), b.get(BEAT_ID).whenReady(20_000)]);
    await waitUntil(() => a.get(BEAT_ID).info.leader === true || b.get(BEAT_ID).info.leader === true, 5000);
    const schedule = await new ScheduleStore(redis.client()).add(
      { id: 'hb', task: 'demo.echo', queue: queue.name, trigger: { every: EVERY } },
      'api',
    );
    await waitUntil(async () => (await ticks(queue, 'hb')).length >= 4, 5000, 20);
    const [leader, standby] = a.get(BEAT_ID).info.leader ? [a, b] : [b, a];
    expect(standby.get(BEAT_ID).info.leader).toBe(false);

    const leaderPid = leader.get(BEAT_ID).pid as number;
    process.kill(leaderPid, 'SIGKILL');
    const killedAt = Date.now();
    await waitUntil(() => !isAlive(leaderPid), 2000);
    await waitUntil(() => standby.get(BEAT_ID).info.leader === true, LOCK_TTL + 3000);
    const takeover = Date.now() - killedAt;
    await waitUntil(
      async () => (await ticks(queue, 'hb')).some((t) => t.addedAt > killedAt + takeover + 3 * EVERY),
      5000,
      20,
    );

    await standby.stopAll(); // settle: no beat moves the state while it is compared
    const fired = await ticks(queue, 'hb');
    const dues = fired.map((t) => t.due);
    // Every tick is on the schedule's phase and appears once; nothing was even enqueued twice.
    expect(new Set(dues).size).toBe(dues.length);
    for (const due of dues) expect((due - (schedule.nextRunAt as number)) % EVERY).toBe(0);
    expect(await duplicatedEvents(redis.client(), queue)).toBe(0);
    // The ticks missed while nobody held the lock were coalesced: exactly one gap, bridged by one late run.
    const gaps = dues
      .slice(1)
      .map((d, i) => d - (dues[i] as number))
      .filter((g) => g > EVERY);
    expect(gaps).toHaveLength(1);
    expect(takeover).toBeGreaterThan(LOCK_TTL - 400);
    const [state] = await new ScheduleStore(redis.client()).list();
    expect(state?.runCount).toBe(fired.length);
    console.log(
      `beat failover: standby led ${takeover} ms after kill -9 (lock TTL ${LOCK_TTL} ms); ${fired.length} ticks, none twice`,
    );
  }, 30_000);
});
