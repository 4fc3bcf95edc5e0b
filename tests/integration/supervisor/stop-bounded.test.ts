import { Queue } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessLogLine } from '../../../src/shared/contract';
import { nodeFork } from '../../../src/core/supervisor/fork';
import { Supervisor } from '../../../src/core/supervisor/supervisor';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';

const servers: TestRedis[] = [];
let supervisor: Supervisor | null = null;
const logs: ProcessLogLine[] = [];

afterEach(async () => {
  await supervisor?.stopAll(3000);
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  logs.length = 0;
});

async function redis(): Promise<TestRedis> {
  const r = await startTestRedis();
  servers.push(r);
  return r;
}

function supervise(connection: () => RedisOptions, stopTimeoutMs = 30_000): Supervisor {
  supervisor = new Supervisor({
    fork: nodeFork,
    connection,
    prefix: () => 'bull',
    taskModule: () => null,
    restartDelay: () => 100,
    stopTimeoutMs,
  });
  supervisor.on('log', (l) => logs.push(l));
  return supervisor;
}

const logged = (re: RegExp): boolean => logs.some((l) => re.test(l.line));

describe('stopping a worker or beat whose Redis is gone', () => {
  it('ends at once by itself instead of waiting for a drain that cannot finish', async () => {
    const r = await redis();
    const sup = supervise(() => ({ port: r.port }));
    const worker = sup.startWorker(['gone-q'], 2);
    const beat = sup.startBeat();
    await Promise.all([sup.ready(worker.id), sup.ready(beat.id)]);
    const beatPid = sup.get(beat.id).pid as number;
    await r.kill();
    await waitUntil(() => logged(/ECONNREFUSED/), 10_000);

    await sup.stop(worker.id); // the kill backstop is 30 s away: the child must end itself
    const stopped = logs.filter((l) => l.processId === worker.id).map((l) => l.line);
    expect(stopped).toContain('Redis is gone: stopping without waiting for running jobs');
    expect(logged(/did not stop within/)).toBe(false);

    // As `kill <pid>` from a shell: the beat also ends by itself.
    process.kill(beatPid, 'SIGTERM');
    await waitUntil(() => !isAlive(beatPid), 5000);
    expect(sup.info(beat.id).lastExit?.signal).toBeNull();
    // ECONNREFUSED repeats several times a second while Redis is away; the log has it once.
    expect(logs.filter((l) => l.processId === worker.id && /ECONNREFUSED/.test(l.line)).length).toBe(1);
  }, 40_000);

  it('a drain that outlasts its grace ends the process itself before the kill', async () => {
    const r = await redis();
    const sup = supervise(() => ({ port: r.port }), 4000);
    const queue = new Queue('slow-q', { connection: { port: r.port } });
    await queue.add('demo.sleep', { ms: 60_000 });
    const worker = sup.startWorker(['slow-q'], 1);
    await sup.ready(worker.id);
    await waitUntil(() => sup.get(worker.id).info.currentJobs.length === 1, 10_000);
    const pid = sup.get(worker.id).pid as number;
    let exit: { signal: string | null } | undefined;
    sup.on('changed', () => {
      const p = sup.list().find((x) => x.id === worker.id);
      if (p?.lastExit) exit = p.lastExit;
    });
    await sup.stop(worker.id);
    expect(isAlive(pid)).toBe(false);
    expect(exit?.signal).toBeNull();
    expect(logged(/jobs still running after 2000 ms: stopping now/)).toBe(true);
    await queue.close();
  }, 20_000);
});

describe('a crashed worker', () => {
  it('restarts against the server it was started on, not the one the app uses now', async () => {
    const [a, b] = await Promise.all([redis(), redis()]);
    let current = a;
    const sup = supervise(() => ({ port: current.port }));
    const worker = sup.startWorker(['pinned-q'], 1);
    await sup.ready(worker.id);
    const firstPid = sup.get(worker.id).pid as number;
    current = b;
    process.kill(firstPid, 'SIGKILL');
    await waitUntil(() => sup.get(worker.id).info.restarts === 1, 10_000);
    await sup.get(worker.id).whenReady(10_000);
    const name = /name=\S*queuedesk-worker-/;
    expect(await a.client().client('LIST')).toMatch(name);
    expect(await b.client().client('LIST')).not.toMatch(name);
  }, 30_000);
});
