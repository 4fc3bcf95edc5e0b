import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { ProcessLogLine } from '../../../src/shared/contract';
import { nodeFork } from '../../../src/core/supervisor/fork';
import { Supervisor } from '../../../src/core/supervisor/supervisor';
import { isAlive, waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';

const JOBS = 1000;
const CONCURRENCY = 20;

let redis: TestRedis;
let supervisor: Supervisor;
let queue: Queue;
const logs: ProcessLogLine[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  queue = new Queue(`crash-${Date.now()}`, { connection: { port: redis.port } });
  supervisor = new Supervisor({
    fork: nodeFork,
    connection: () => ({ port: redis.port }),
    prefix: () => 'bull',
    taskModule: () => null,
    // Short locks so the killed worker's jobs are found stalled within seconds, not BullMQ's 30 s.
    lockDurationMs: 2000,
    stalledIntervalMs: 1000,
    restartDelay: () => 300,
  });
  supervisor.on('log', (l) => logs.push(l));
});

afterAll(async () => {
  await supervisor.stopAll();
  await queue.close();
  await redis.stop();
});

describe('a worker killed with SIGKILL mid-run', () => {
  it('is restarted by the supervisor and every job ends completed, none lost', async () => {
    await queue.addBulk(Array.from({ length: JOBS }, () => ({ name: 'demo.sleep', data: { ms: 40 } })));
    const started = supervisor.startWorker([queue.name], CONCURRENCY);
    await supervisor.get(started.id).whenReady(20_000);
    await waitUntil(async () => (await queue.getCompletedCount()) >= 200, 20_000);
    const firstPid = supervisor.get(started.id).pid as number;
    process.kill(firstPid, 'SIGKILL');
    const killedAt = await queue.getJobCounts('completed', 'active');
    expect(killedAt.completed).toBeLessThan(JOBS); // it really was mid-run

    await waitUntil(() => supervisor.get(started.id).info.restarts === 1, 10_000);
    const restarted = supervisor.get(started.id).info;
    expect(restarted.pid).not.toBe(firstPid);
    expect(restarted.lastExit?.signal).toBe('SIGKILL');
    expect(isAlive(firstPid)).toBe(false);
    expect(logs.some((l) => /exited unexpectedly \(SIGKILL\); restarting in 300 ms/.test(l.line))).toBe(true);

    await waitUntil(async () => (await queue.getCompletedCount()) === JOBS, 60_000, 200);
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    expect(counts).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0, completed: JOBS });
    const jobs = await queue.getJobs(['completed'], 0, JOBS);
    const ranTwice = jobs.filter((j) => j.attemptsStarted > 1).length;
    console.log(
      `crash safety: ${JOBS} jobs, ${killedAt.active} active at kill -9, 0 lost, ${ranTwice} ran twice`,
    );
    // Only the jobs running at the moment of the kill can have started twice.
    expect(ranTwice).toBeLessThanOrEqual(CONCURRENCY);
  }, 90_000);
});
