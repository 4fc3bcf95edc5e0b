import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { ScheduleStore } from '../../../src/core/beat/store';
import { waitUntil } from '../../helpers/process-alive';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server';
import { ticks } from '../beat/helpers';
import { cli } from './cli-process';
import { finished } from './helpers';

let redis: TestRedis;

beforeAll(async () => {
  redis = await startTestRedis();
});

afterAll(async () => {
  await redis.stop();
});

describe('queuedesk worker', () => {
  it("runs the example project's tasks and drains on SIGTERM", async () => {
    const emails = new Queue('emails', { connection: { port: redis.port } });
    const worker = cli([
      'worker',
      '--config',
      'resources/example',
      '--redis',
      redis.url,
      '--queues',
      'emails',
    ]);
    try {
      await waitUntil(() => worker.output().includes('consuming emails'), 20_000, 25, worker.output);
      const sent = await emails.add('email.send', { to: 'ada@example.test', subject: 'hi' });
      expect((await finished(emails, sent.id as string)).returnvalue).toEqual({
        messageId: `${sent.id}@example.test`,
      });
      const slow = await emails.add('demo.sleep', { ms: 1500 });
      await waitUntil(async () => (await emails.getActiveCount()) === 1, 5000);
      worker.proc.kill('SIGTERM');
      expect(await worker.exit).toBe(0);
      // The running job was finished before the worker left, not abandoned to the stalled checker.
      const done = await emails.getJob(slow.id as string);
      expect(await done?.isCompleted()).toBe(true);
      expect(worker.output()).toMatch(/SIGTERM: finishing running work/);
    } finally {
      worker.proc.kill('SIGKILL');
      await emails.close();
    }
  }, 40_000);

  it('a second SIGTERM ends it at once, even with its Redis gone and a job running', async () => {
    const own = await startTestRedis();
    const q = new Queue('stuck', { connection: { port: own.port } });
    await q.add('demo.sleep', { ms: 120_000 });
    const worker = cli(['worker', '--config', 'resources/example', '--redis', own.url, '--queues', 'stuck']);
    try {
      await waitUntil(async () => (await q.getActiveCount()) === 1, 20_000);
      await q.close();
      await own.kill();
      worker.proc.kill('SIGTERM');
      await waitUntil(() => worker.output().includes('SIGTERM: finishing running work'), 5000);
      worker.proc.kill('SIGTERM');
      expect(await worker.exit).toBe(1);
      expect(worker.output()).toMatch(/SIGTERM: stopping now/);
    } finally {
      worker.proc.kill('SIGKILL');
      await own.stop();
    }
  }, 40_000);

  it('refuses a config that does not validate, naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-cli-'));
    writeFileSync(join(dir, 'queuedesk.config.json'), JSON.stringify({ queues: ['ok'], prefix: 'a:b' }));
    const worker = cli(['worker', '--config', dir, '--redis', redis.url]);
    expect(await worker.exit).toBe(1);
    expect(worker.output()).toMatch(/queuedesk\.config\.json: prefix: a prefix cannot contain ":"/);
  });
});

describe('queuedesk beat', () => {
  it("upserts the config's schedules, fires them, and gives the lock back on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-cli-'));
    const schedules = [
      { id: 'cli-tick', task: 'demo.echo', queue: 'cli-beat', args: 7, trigger: { every: 300 } },
    ];
    writeFileSync(
      join(dir, 'queuedesk.config.json'),
      JSON.stringify({ connection: { url: redis.url }, schedules }),
    );
    const queue = new Queue('cli-beat', { connection: { port: redis.port } });
    const beat = cli(['beat', '--config', dir]);
    try {
      await waitUntil(async () => (await ticks(queue, 'cli-tick')).length >= 3, 10_000, 50);
      expect(beat.output()).toMatch(/1 schedules in the config, 1 added or updated/);
      const [stored] = await new ScheduleStore(redis.client()).list();
      expect(stored).toMatchObject({ id: 'cli-tick', source: 'config', args: 7 });
      beat.proc.kill('SIGTERM');
      expect(await beat.exit).toBe(0);
      expect(await redis.client().exists('queuedesk:beat:lock')).toBe(0);
    } finally {
      beat.proc.kill('SIGKILL');
      await queue.close();
    }
  }, 30_000);
});
