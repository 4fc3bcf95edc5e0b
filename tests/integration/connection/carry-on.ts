import type { Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { expect } from 'vitest';
import type { CoreHost } from '../../../src/core/host';
import type { ProcessInfo, ProcessLogLine, Schedule } from '../../../src/shared/contract';
import type { BeatLeadership, WorkersEverywhere } from '../../../src/shared/contract/presence';
import { beatKeys } from '../../../src/core/beat/keys';
import { waitUntil } from '../../helpers/process-alive';
import { duplicatedEvents, ticks } from '../beat/helpers';
import { data } from '../worker/helpers';

/** What runs through a failover: a QueueDesk worker on the queue, and the beat ticking onto it every second. */
export interface CarryOn {
  worker: ProcessInfo;
  beat: ProcessInfo;
  schedule: Schedule;
}

export const EVERY_MS = 1000;
const SCHEDULE = 'carry-on';

/** Ticks of the schedule that the worker completed, oldest first. */
export async function completedTicks(queue: Queue): Promise<Awaited<ReturnType<typeof ticks>>> {
  const all = await ticks(queue, SCHEDULE);
  return all.filter((t) => t.job.finishedOn !== undefined && t.job.returnvalue !== undefined);
}

/** A call that hangs fails the test with its name, not by the test's timeout. */
async function answered<T>(call: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the worker and the beat through the API and waits until ticks are enqueued and run. */
export async function startCarryOn(host: CoreHost, queue: Queue): Promise<CarryOn> {
  const worker = await data<ProcessInfo>(host, 'workers.start', { queues: [queue.name], concurrency: 2 });
  const beat = await data<ProcessInfo>(host, 'beat.start', {});
  const schedule = await data<Schedule>(host, 'beat.add', {
    id: SCHEDULE,
    task: 'demo.echo',
    queue: queue.name,
    args: ['tick'],
    trigger: { every: EVERY_MS },
  });
  await waitUntil(async () => (await completedTicks(queue)).length >= 2, 20_000, 100);
  return { worker, beat, schedule };
}

/** Waits for `n` ticks enqueued after `at` and completed. */
export async function ticksAfter(queue: Queue, at: number, n: number): Promise<void> {
  let seen = 0;
  await waitUntil(
    async () => (seen = (await completedTicks(queue)).filter((t) => t.addedAt > at).length) >= n,
    25_000,
    100,
    () => `${seen} of ${n} ticks completed after the failover`,
  );
}

/**
 * Waits until the app listens on the beat channel again, on one of `nodes` (its subscriber re-subscribed after
 * the failover), so beats of other apps still refresh its schedules.
 */
export async function beatChannelHeard(nodes: Redis[]): Promise<void> {
  const subscribers = async (node: Redis): Promise<number> =>
    Number(((await node.call('PUBSUB', 'NUMSUB', beatKeys.changed)) as [string, number])[1]);
  let total = 0;
  await waitUntil(
    async () => (total = (await Promise.all(nodes.map(subscribers))).reduce((a, b) => a + b, 0)) >= 1,
    20_000,
    100,
    () => `${total} subscribers of ${beatKeys.changed}`,
  );
}

export interface FailoverTimes {
  killedAt: number;
  /** When QueueDesk's connection was back on the new primary. */
  followedAt: number;
}

/**
 * What must hold after the failover: the same two processes (never restarted) still run and the beat still
 * leads; every tick confirmed on a replica before the kill is still there; no tick went out twice and all are
 * on the schedule's phase; the longest gap between ticks is the failover, give or take a few rounds.
 */
export async function carryOnChecks(
  host: CoreHost,
  queue: Queue,
  run: CarryOn,
  /** Each failover the test went through. */
  failovers: FailoverTimes[],
  /** Confirmed before the kill: tick job ids the replica acknowledged. */
  confirmed: string[],
  /** A client to the new primary of the queue's keys, and the queue's prefix. */
  { client, prefix }: { client: Redis | Cluster; prefix: string },
): Promise<{ maxGapMs: number; failoverMs: number }> {
  const procs = await data<ProcessInfo[]>(host, 'processes.list', {});
  const worker = procs.find((p) => p.id === run.worker.id);
  const beat = procs.find((p) => p.id === run.beat.id);
  expect(worker).toMatchObject({ state: 'running', pid: run.worker.pid, restarts: 0 });
  expect(beat).toMatchObject({ state: 'running', pid: run.beat.pid, restarts: 0, leader: true });
  // Both still announce themselves (written after the last failover), and the worker's connections show.
  const since = Math.max(...failovers.map((f) => f.followedAt));
  let shown = '';
  await waitUntil(
    async () => {
      const leadership = await answered(data<BeatLeadership>(host, 'beat.leader', {}), 'beat.leader');
      const everywhere = await answered(
        data<WorkersEverywhere>(host, 'workers.everywhere', { prefix }),
        'workers.everywhere',
      );
      shown = JSON.stringify({ leader: leadership.leader, presences: everywhere.presences });
      const presence = everywhere.presences.find((p) => p.workerName === `queuedesk-${run.worker.id}`);
      return (
        leadership.leader?.pid === run.beat.pid &&
        leadership.leader.heartbeatAt > since &&
        presence?.pid === run.worker.pid &&
        presence.heartbeatAt > since &&
        everywhere.workers.some((w) => w.queue === queue.name && w.presence?.pid === run.worker.pid)
      );
    },
    20_000,
    250,
    () => shown,
  );

  // Settle: no beat moves the ticks while they are compared; the worker finishes what was sent.
  await data(host, 'beat.stop', {});
  let all = await ticks(queue, SCHEDULE);
  await waitUntil(
    async () => (all = await ticks(queue, SCHEDULE)).every((t) => t.job.finishedOn !== undefined),
    20_000,
    100,
  );
  // Every tick ran to completion: none failed on the way (a job's move to completed lost with its node).
  expect(all.filter((t) => t.job.failedReason).map((t) => `${t.job.id}: ${t.job.failedReason}`)).toEqual([]);
  const ids = new Set(all.map((t) => t.job.id));
  expect(confirmed.filter((id) => !ids.has(id))).toEqual([]);
  const dues = all.map((t) => t.due);
  expect(new Set(dues).size).toBe(dues.length);
  for (const due of dues) expect((due - (run.schedule.nextRunAt as number)) % EVERY_MS).toBe(0);
  // A tick is sent again, under its own job id (one job), only when the beat said so: its queue's replica had not
  // taken it within the WAIT of a failover (the beat logs a repeated error once). Any other second send is a defect.
  const logs = await data<ProcessLogLine[]>(host, 'processes.logs', { processId: run.beat.id });
  const announced = logs.some((l) => /is sent again|re-sending the tick/.test(l.line));
  const duplicated = await duplicatedEvents(client, queue, prefix);
  expect(duplicated === 0 || announced, `${duplicated} ticks sent again, none announced by the beat`).toBe(
    true,
  );

  const added = all.map((t) => t.addedAt).sort((a, b) => a - b);
  const maxGapMs = Math.max(...added.slice(1).map((t, i) => t - added[i]!));
  const failoverMs = Math.max(...failovers.map((f) => f.followedAt - f.killedAt));
  // A round after the follow the beat is back: its own client reconnects, its lock is still its own.
  expect(maxGapMs).toBeLessThan(failoverMs + 4 * EVERY_MS);
  return { maxGapMs, failoverMs };
}
