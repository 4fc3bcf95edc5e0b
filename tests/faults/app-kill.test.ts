import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, waitUntil } from '../helpers/process-alive';
import type { WsApi } from '../helpers/ws-api';
import { openServeSession, type ServeSession } from './serve-session';
import { storedJobs } from './stored-jobs';

const TOTAL = 100_000;
const sessions: ServeSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

async function open(dataDir?: string): Promise<ServeSession> {
  const s = await openServeSession(['--persist'], { dataDir });
  sessions.push(s);
  return s;
}

/** Starts a 100,000-copy add and returns a reader of how many copies the app has acknowledged so far. */
function startAdding(api: WsApi, queue: string, opId = randomUUID()): () => number {
  void api.call('jobs.addCopies', { queue, task: 'demo.echo', args: [1], count: TOTAL, opId });
  return () =>
    Math.max(
      0,
      ...api.events
        .filter((e) => e.event === 'jobs.addProgress' && (e.data as { opId?: string }).opId === opId)
        .map((e) => (e.data as { added: number }).added),
    );
}

/** kill -9 once at least `atLeast` copies are acknowledged; returns the acknowledged count at the kill. */
async function killWhileAdding(s: ServeSession, queue: string, atLeast: number): Promise<number> {
  const acked = startAdding(s.api, queue);
  await waitUntil(() => acked() >= atLeast, 60_000, 5);
  s.serve.proc.kill('SIGKILL');
  const atKill = acked();
  await s.serve.stop();
  expect(atKill).toBeLessThan(TOTAL); // the kill really landed mid-way
  return atKill;
}

describe('kill -9 of the app during jobs.addCopies of 100,000, embedded Redis with persistence', () => {
  it('its embedded Redis ends soon after; a restart on the same data dir has every acknowledged job', async () => {
    const first = await open();
    const queue = `appkill-${randomUUID().slice(0, 8)}`;
    const acked = await killWhileAdding(first, queue, 30_000);
    const killedAt = Date.now();
    await waitUntil(() => !isAlive(first.redisPid), 5000); // its watchdog saw the app's pipe close
    const redisGoneMs = Date.now() - killedAt;

    const second = await open(first.serve.dataDir);
    const stored = await storedJobs(second.redis, queue);
    console.log(
      `[faults] app kill: acknowledged ${acked}, found ${stored.counter} (ids contiguous: ${stored.hashes === stored.counter}), embedded Redis gone after ${redisGoneMs} ms`,
    );
    expect(stored.counter).toBeGreaterThanOrEqual(acked);
    expect(stored.counter).toBeLessThanOrEqual(TOTAL);
    expect(stored.waiting).toBe(stored.counter);
    expect(stored.hashes).toBe(stored.counter);
  });

  it('a restart at once (old embedded Redis still up) shuts the stale one down and loses nothing', async () => {
    const first = await open();
    const queue = `appkill-${randomUUID().slice(0, 8)}`;
    const acked = await killWhileAdding(first, queue, 30_000);
    const stalePid = first.redisPid;

    const second = await open(first.serve.dataDir);
    expect(isAlive(stalePid)).toBe(false);
    expect(second.redisPid).not.toBe(stalePid);
    const stored = await storedJobs(second.redis, queue);
    console.log(`[faults] app kill + instant restart: acknowledged ${acked}, found ${stored.counter}`);
    expect(stored.counter).toBeGreaterThanOrEqual(acked);
    expect(stored.waiting).toBe(stored.counter);
    expect(stored.hashes).toBe(stored.counter);
    // The restarted app goes on writing to the same files: a job added now survives a clean restart too.
    await second.api.data('jobs.add', { queue, task: 'demo.echo', args: [2] });
    await second.close();
    sessions.splice(sessions.indexOf(second), 1);
    const third = await open(first.serve.dataDir);
    expect((await storedJobs(third.redis, queue)).counter).toBe(stored.counter + 1);
  });

  it('kill -9 of the app and its Redis at once (the AOF as Redis left it) keeps every acknowledged job', async () => {
    const first = await open();
    const queue = `bothkill-${randomUUID().slice(0, 8)}`;
    const opId = randomUUID();
    const acked = startAdding(first.api, queue, opId);
    await waitUntil(() => acked() >= 30_000, 60_000, 5);
    // Redis first: nothing acknowledged after this instant can be one Redis did not log.
    process.kill(first.redisPid, 'SIGKILL');
    const atKill = acked();
    first.serve.proc.kill('SIGKILL');
    await first.serve.stop();
    await waitUntil(() => !isAlive(first.redisPid), 5000);

    const second = await open(first.serve.dataDir);
    const stored = await storedJobs(second.redis, queue);
    console.log(`[faults] app + Redis kill: acknowledged ${atKill}, found ${stored.counter}`);
    expect(atKill).toBeLessThan(TOTAL);
    expect(stored.counter).toBeGreaterThanOrEqual(atKill);
    expect(stored.waiting).toBe(stored.counter);
    expect(stored.hashes).toBe(stored.counter);
  });
});
