import { afterAll, describe, expect, it } from 'vitest';
import { Queue, Worker, type Job } from 'bullmq';
import { CronExpressionParser } from 'cron-parser';
import { waitUntil } from '../../helpers/process-alive';
import { useApiHost } from './api-host';
import { freshQueue } from './conformance-target';

// A BullMQ app of its own (Queue and Worker as BullMQ's documentation shows them) and QueueDesk on one Redis.
const h = useApiHost();
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

function appQueue(name: string): Queue {
  const q = new Queue(name, { connection: { port: h().redis.port } });
  closers.push(() => q.close());
  return q;
}

describe('job schedulers', () => {
  it("lists the app's schedulers with their next run, template and pending job", async () => {
    const name = freshQueue();
    const app = appQueue(name);
    await app.upsertJobScheduler(
      'hourly-report',
      { pattern: '0 * * * *', tz: 'Europe/Paris', limit: 5 },
      { name: 'report.build', data: { kind: 'sales' }, opts: { attempts: 3 } },
    );
    await app.upsertJobScheduler('heartbeat', { every: 60_000 }, { name: 'ping', data: null });
    const { schedulers } = await h().ok('schedulers.list', { queue: name });
    const byId = Object.fromEntries(schedulers.map((s) => [s.id, s]));
    const expectedNext = CronExpressionParser.parse('0 * * * *', { tz: 'Europe/Paris' }).next().getTime();
    expect(byId['hourly-report']).toMatchObject({
      queue: name,
      task: 'report.build',
      pattern: '0 * * * *',
      tz: 'Europe/Paris',
      limit: 5,
      every: null,
      next: expectedNext,
      args: { kind: 'sales' },
      options: { attempts: 3 },
      pendingJobId: `repeat:hourly-report:${expectedNext}`,
    });
    expect(byId.heartbeat).toMatchObject({ every: 60_000, task: 'ping', pattern: null });
    // The pending job is shown as the scheduler's, and removing it alone is refused, saying why.
    const pending = byId['hourly-report']!.pendingJobId!;
    const delayed = await h().ok('jobs.list', { queue: name, state: 'delayed' });
    expect(delayed.jobs.find((j) => j.id === pending)?.scheduler).toBe('hourly-report');
    const refused = await h().err('jobs.remove', { queue: name, id: pending });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/next run of job scheduler "hourly-report"/);
    expect(await app.getJobScheduler('hourly-report')).toBeDefined();
    // Cleaning the delayed state leaves the schedule alone too.
    await h().ok('queues.clean', { queue: name, state: 'delayed', olderThanMs: 0 });
    expect((await app.getJobScheduler('hourly-report'))?.next).toBe(expectedNext);
  });

  it('across every queue under the prefix', async () => {
    const a = freshQueue();
    const b = freshQueue();
    await appQueue(a).upsertJobScheduler('a-1', { every: 3_600_000 }, { name: 'x' });
    await appQueue(b).upsertJobScheduler('b-1', { pattern: '*/5 * * * *' }, { name: 'y' });
    await h().ok('queues.list', { refresh: true });
    const all = await h().ok('schedulers.list', {});
    const mine = all.schedulers.filter((s) => s.queue === a || s.queue === b).map((s) => s.id);
    expect(mine.sort()).toEqual(['a-1', 'b-1']);
    expect(all.queuesScanned).toBeGreaterThanOrEqual(2);
  });

  it('an edit from QueueDesk is what the app reads back; a bad pattern changes nothing', async () => {
    const name = freshQueue();
    const app = appQueue(name);
    await app.upsertJobScheduler('nightly', { pattern: '0 3 * * *' }, { name: 'cleanup', data: { days: 7 } });
    const edited = await h().ok('schedulers.upsert', {
      queue: name,
      id: 'nightly',
      pattern: '30 4 * * *',
      tz: 'America/New_York',
      task: 'cleanup',
      args: { days: 30 },
      options: { attempts: 2, backoff: { type: 'fixed', delayMs: 1000 } },
    });
    expect(edited).toMatchObject({ pattern: '30 4 * * *', tz: 'America/New_York', args: { days: 30 } });
    const seen = await app.getJobScheduler('nightly');
    expect(seen).toMatchObject({ pattern: '30 4 * * *', tz: 'America/New_York' });
    expect(seen?.template).toMatchObject({ data: { days: 30 }, opts: { attempts: 2 } });
    const bad = await h().err('schedulers.upsert', {
      queue: name,
      id: 'nightly',
      pattern: '61 * * * *',
      task: 'cleanup',
    });
    expect(bad.code).toBe('INVALID_INPUT');
    expect((await app.getJobScheduler('nightly'))?.pattern).toBe('30 4 * * *');
    const both = await h().err('schedulers.upsert', {
      queue: name,
      id: 'nightly',
      every: 1000,
      pattern: '* * * * *',
      task: 'cleanup',
    });
    expect(both.message).toMatch(/exactly one/);
  });

  it('run now adds one ordinary job and leaves the schedule as it was; remove stops it', async () => {
    const name = freshQueue();
    const app = appQueue(name);
    const ran: Job[] = [];
    const worker = new Worker(name, async (job) => void ran.push(job), {
      connection: { port: h().redis.port, maxRetriesPerRequest: null },
    });
    closers.push(() => worker.close());
    await h().ok('schedulers.upsert', {
      queue: name,
      id: 'tick',
      every: 300,
      task: 'tick.task',
      args: { n: 1 },
    });
    await waitUntil(() => ran.length >= 2, 10_000);
    const { jobId } = await h().ok('schedulers.run', { queue: name, id: 'tick' });
    await waitUntil(() => ran.some((j) => j.id === jobId), 10_000);
    const manual = ran.find((j) => j.id === jobId)!;
    expect(manual.name).toBe('tick.task');
    expect(manual.data).toEqual({ n: 1 });
    expect(manual.repeatJobKey).toBeUndefined();
    expect((await app.getJobScheduler('tick'))?.every).toBe(300);

    const { removed } = await h().ok('schedulers.remove', { queue: name, id: 'tick' });
    expect(removed).toMatchObject({ id: 'tick', every: 300, task: 'tick.task' });
    expect(await app.getJobScheduler('tick')).toBeUndefined();
    // No run of it is left to come: nothing delayed, and the queue empties.
    expect(await app.getDelayedCount()).toBe(0);
    await waitUntil(async () => (await app.getWaitingCount()) === 0 && (await app.getActiveCount()) === 0);
    expect(await app.getDelayedCount()).toBe(0);
    expect((await h().ok('schedulers.list', { queue: name })).schedulers).toEqual([]);
  });

  it('Celery has none (beat schedules it), and a missing scheduler is NOT_FOUND', async () => {
    const unsupported = await h().err('schedulers.list', { engine: 'celery' });
    expect(unsupported.code).toBe('UNSUPPORTED');
    const name = freshQueue();
    await appQueue(name).add('x', null);
    expect((await h().err('schedulers.run', { queue: name, id: 'nope' })).code).toBe('NOT_FOUND');
  });
});
