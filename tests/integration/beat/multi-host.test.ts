import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import type { CoreHost } from '../../../src/core/host';
import type { BeatLeadership, Schedule, WorkersEverywhere } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { makeTestHosts, type TestHost, type TestHosts } from '../../helpers/test-hosts';
import { connectedHost, data, randomQueue } from '../worker/helpers';

// Two machines sharing one Redis, each running `queuedesk worker` and `queuedesk beat` from the built CLI, as a
// team deploys them; the test's Redis and this process are the third machine. Killing every process of the
// leading beat's machine must move the lead within the lock time, and no schedule tick may go out twice.
const ROOT = resolve(import.meta.dirname, '../../..');
const LOCK_TTL = 2000;
const POLL = 200; // the beat's round: min(200, LOCK_TTL / 4)
const EVERY = 400;
const PREFIX = 'bull';
const jobsQueue = randomQueue();
const tickQueue = randomQueue();

let machines: TestHosts;
let redis: TestRedis;
let app: CoreHost;
let queue: Queue;
const outputs = new Map<string, string>();
const children: ChildProcess[] = [];

function projectDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qd-multihost-'));
  // Each task says which machine ran it.
  writeFileSync(
    join(dir, 'tasks.mjs'),
    `export async function whoami(ctx) {
       await new Promise((r) => setTimeout(r, ctx.args?.ms ?? 0));
       return { host: process.env.QUEUEDESK_HOST_NAME, pid: process.pid };
     }\n`,
  );
  writeFileSync(
    join(dir, 'queuedesk.config.json'),
    JSON.stringify({
      prefix: PREFIX,
      tasks: './tasks.mjs',
      queues: [
        { name: jobsQueue, concurrency: 2 },
        { name: tickQueue, concurrency: 2 },
      ],
      schedules: [{ id: 'tick', task: 'whoami', queue: tickQueue, trigger: { every: EVERY } }],
    }),
  );
  return dir;
}

function run(host: TestHost, command: 'worker' | 'beat', config: string): void {
  const args = [join(ROOT, 'bin/queuedesk.js'), command, '--config', config];
  args.push('--redis', `redis://${host.redisAddress}:${redis.port}`);
  if (command === 'beat') args.push('--lock-ttl', String(LOCK_TTL));
  const child = host.spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, QUEUEDESK_HOST_NAME: host.name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const key = `${host.name} ${command}`;
  outputs.set(key, '');
  const add = (d: Buffer): void => void outputs.set(key, outputs.get(key) + d.toString());
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  children.push(child);
}

const allOutput = (): string => [...outputs].map(([k, v]) => `--- ${k}\n${v}`).join('\n');
const leadership = (): Promise<BeatLeadership> => data<BeatLeadership>(app, 'beat.leader', {});

/** Enqueue events per tick job id, read from the queue's event stream: what a beat sent, not what BullMQ kept. */
async function tickEvents(): Promise<{ added: Map<string, number>; duplicated: number }> {
  const events = await redis.client().xrange(`${PREFIX}:${tickQueue}:events`, '-', '+');
  const added = new Map<string, number>();
  let duplicated = 0;
  for (const [, fields] of events) {
    const f = Object.fromEntries(fields.flatMap((v, i) => (i % 2 ? [] : [[v, fields[i + 1]]])));
    if (f.event === 'added') added.set(f.jobId, (added.get(f.jobId) ?? 0) + 1);
    if (f.event === 'duplicated') duplicated++;
  }
  return { added, duplicated };
}

beforeAll(async () => {
  machines = makeTestHosts(['host-alpha', 'host-beta']);
  console.log(`multi-host: ${machines.mode}: ${machines.description}`);
  redis = await startTestRedis(['--bind', '127.0.0.1', ...machines.bindAddresses, '--protected-mode', 'no']);
  app = await connectedHost(redis);
  queue = new Queue(jobsQueue, { connection: { port: redis.port }, prefix: PREFIX });
  const config = projectDir();
  for (const host of machines.hosts) {
    run(host, 'worker', config);
    run(host, 'beat', config);
  }
});

afterAll(async () => {
  // The namespaces and their veths go even when a step above failed.
  machines?.cleanup();
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await queue?.close();
  await app?.close();
  await redis?.stop();
});

describe(`queuedesk worker and beat on two machines sharing one Redis`, () => {
  it('spreads jobs over both, shows every host, moves the beat lead within the lock time, fires no tick twice', async () => {
    const [alpha, beta] = machines.hosts as [TestHost, TestHost];
    const names = [alpha.name, beta.name];
    // Both machines' workers announce themselves (with their host) to anyone reading the Redis.
    await waitUntil(
      async () => {
        const w = await data<WorkersEverywhere>(app, 'workers.everywhere', { prefix: PREFIX });
        return names.every((h) => w.presences.some((p) => p.host === h && p.queues.includes(jobsQueue)));
      },
      30_000,
      100,
      allOutput,
    );
    const everywhere = await data<WorkersEverywhere>(app, 'workers.everywhere', { prefix: PREFIX });
    expect(everywhere.hosts).toEqual(expect.arrayContaining(names));
    const onJobs = everywhere.workers.filter((w) => w.queue === jobsQueue && w.queuedesk);
    expect(new Set(onJobs.map((w) => w.presence?.host))).toEqual(new Set(names));
    // In namespaces each machine's connections come from its own address, as from real machines.
    for (const host of machines.hosts.filter((h) => h.sourceAddress)) {
      const theirs = onJobs.filter((w) => w.presence?.host === host.name);
      expect(theirs.every((w) => w.addr.startsWith(`${host.sourceAddress}:`))).toBe(true);
    }

    // One beat leads, the other stands by on the other machine.
    await waitUntil(async () => (await leadership()).standbys.length === 1, 15_000, 50, allOutput);
    const before = await leadership();
    expect(before.leader).not.toBeNull();
    const leaderHost = machines.hosts.find((h) => h.name === before.leader?.host) as TestHost;
    const survivor = leaderHost === alpha ? beta : alpha;
    expect(before.standbys.map((s) => s.host)).toEqual([survivor.name]);
    expect(before.leader?.via).toBe('cli');

    // Jobs go to workers on both machines.
    const jobs = await queue.addBulk(
      Array.from({ length: 24 }, (_, i) => ({ name: 'whoami', data: { ms: 60, i } })),
    );
    await waitUntil(async () => (await queue.getCompletedCount()) === jobs.length, 30_000, 50, allOutput);
    const ranOn = new Set((await queue.getCompleted(0, -1)).map((j) => j.returnvalue.host as string));
    expect(ranOn).toEqual(new Set(names));

    // A few ticks under the first leader, then the leader's machine loses every process at once.
    await waitUntil(async () => (await tickEvents()).added.size >= 3, 10_000, 50, allOutput);
    leaderHost.killAll();
    const killedAt = Date.now();
    await waitUntil(
      async () => (await leadership()).leader?.host === survivor.name,
      LOCK_TTL + 5000,
      20,
      allOutput,
    );
    const takeover = Date.now() - killedAt;
    // The lock outlives its holder by at most its TTL; the standby notices at its next round.
    expect(takeover).toBeLessThanOrEqual(LOCK_TTL + POLL + 800);
    expect(takeover).toBeGreaterThan(LOCK_TTL - 2 * POLL - 100);

    // The new leader keeps the schedule going; the survivor's worker keeps taking jobs.
    const ticksAtTakeover = (await tickEvents()).added.size;
    await waitUntil(
      async () => (await tickEvents()).added.size >= ticksAtTakeover + 3,
      10_000,
      50,
      allOutput,
    );
    const late = await queue.add('whoami', { ms: 0 });
    await waitUntil(async () => (await late.isCompleted()) === true, 20_000, 50, allOutput);
    expect((await queue.getJob(late.id as string))?.returnvalue.host).toBe(survivor.name);

    // Settle: stop the survivor too, so nothing moves while counting.
    survivor.killAll();
    const { added, duplicated } = await tickEvents();
    const [schedule] = (await data<Schedule[]>(app, 'beat.list', {})).filter((s) => s.id === 'tick');
    // Every tick went out exactly once: one enqueue per due time, no re-add of an id, and the schedule's run
    // count (advanced once per due time, by compare-and-set) equals the ticks sent.
    expect([...added.values()].every((n) => n === 1)).toBe(true);
    const resent = (allOutput().match(/re-sending the tick due/g) ?? []).length;
    expect(duplicated).toBe(resent);
    expect(schedule?.runCount).toBe(added.size);
    for (const id of added.keys()) expect(id).toMatch(/^beat-tick-\d+$/);
    console.log(
      `multi-host (${machines.mode}): ${leaderHost.name} killed; ${survivor.name} led ${takeover} ms later (lock TTL ${LOCK_TTL} ms); ${added.size} ticks, each enqueued once; jobs ran on ${[...ranOn].join(' and ')}`,
    );
  }, 120_000);
});
