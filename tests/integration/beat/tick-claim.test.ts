import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { beatKeys } from '../../../src/core/beat/keys';
import { ScheduleStore, type StoredSchedule } from '../../../src/core/beat/store';
import { fireTick, type TickDeps } from '../../../src/core/beat/tick';
import { claimSlot } from '../../../src/core/beat/tick-slot';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';

// Two beats that both believe they lead: A read the schedule, then stalled (a GC pause, a frozen VM) past its
// lock; B took the lock and fired. When A wakes it carries on with what it read. Sends are counted as calls, as
// an engine that enqueues a repeated job id anew would (BullMQ with removeOnComplete, Celery).
let server: TestRedis;
let redis: Redis;
let sent: string[];
const lines: string[] = [];

const beat = (token: string, fail = false): TickDeps => ({
  redis,
  token,
  send: async (def, due) => {
    if (fail) throw new Error('Connection is closed.');
    sent.push(`${def.id}@${due}`);
  },
  sendGuarded: () => null,
  queueKey: (def) => `bull:${def.queue}`,
  log: (_level, line) => lines.push(line),
});
const lead = (token: string): Promise<unknown> => redis.set(beatKeys.lock, token, 'PX', 60_000);

async function dueSchedule(options: Record<string, unknown> = {}): Promise<StoredSchedule> {
  const store = new ScheduleStore(redis);
  const id = `s-${Math.random().toString(36).slice(2, 8)}`;
  await store.add({ id, task: 'demo.echo', queue: 'q', trigger: { every: 1000 }, options }, 'api');
  return (await store.readAll()).find((s) => s.def.id === id) as StoredSchedule;
}

beforeAll(async () => {
  server = await startTestRedis();
  redis = server.client();
});
afterAll(() => server.stop());
beforeEach(() => {
  sent = [];
  lines.length = 0;
});

describe('the claim of a tick', () => {
  it('lets a beat that lost the lock send nothing, even when it leads again later with its old reading', async () => {
    const s = await dueSchedule({ removeOnComplete: true });
    const due = s.state.nextRunAt as number;
    await lead('A');
    const staleReadOfA = s;
    await lead('B');
    expect(await fireTick(beat('B'), s, due)).toBe(true);
    expect(await fireTick(beat('A'), staleReadOfA, due)).toBe(false); // not the lock holder
    await lead('A'); // B died; A took the lock back and finishes its round
    expect(await fireTick(beat('A'), staleReadOfA, due + 5)).toBe(false);
    expect(sent).toEqual([`${s.def.id}@${due}`]);
    const [after] = (await new ScheduleStore(redis).list()).filter((x) => x.id === s.def.id);
    expect(after?.runCount).toBe(1);
  });

  it('is claimed once however many callers race for it', async () => {
    const s = await dueSchedule();
    await lead('A');
    const due = s.state.nextRunAt as number;
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimSlot(redis, 'A', s.def.id, due)));
    expect(claims.filter((c) => c === 'claimed')).toHaveLength(1);
  });

  it('a leader that died between claim and send: resent where its job id keeps it one job, else never', async () => {
    for (const [options, resent] of [
      [{}, true],
      [{ removeOnComplete: true }, false],
    ] as const) {
      sent = [];
      lines.length = 0;
      const s = await dueSchedule(options);
      const due = s.state.nextRunAt as number;
      await lead('A');
      expect(await claimSlot(redis, 'A', s.def.id, due)).toBe('claimed'); // …and A is killed here
      await lead('B');
      await fireTick(beat('B'), s, due);
      expect(sent).toEqual(resent ? [`${s.def.id}@${due}`] : []);
      expect(lines.join('\n')).toMatch(resent ? /re-sending the tick due/ : /not sent again/);
      expect(await redis.hget(beatKeys.claims, s.def.id)).toBeNull();
    }
  });

  it('comes back after a failed send, so the next round sends the tick', async () => {
    const s = await dueSchedule();
    const due = s.state.nextRunAt as number;
    await lead('A');
    await expect(fireTick(beat('A', true), s, due)).rejects.toThrow('Connection is closed.');
    expect(await fireTick(beat('A'), s, due)).toBe(true);
    expect(sent).toEqual([`${s.def.id}@${due}`]);
  });
});
