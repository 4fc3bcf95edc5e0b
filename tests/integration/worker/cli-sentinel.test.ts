import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { waitUntil } from '../../helpers/process-alive';
import { startTestSentinels, type TestSentinels } from '../../helpers/redis-sentinel';
import { cli } from './cli-process';
import { finished, randomQueue } from './helpers';

// Passwords on the data nodes and on the sentinels, both given by the environment.
const AUTH = { password: 'cli-data-secret', sentinelPassword: 'cli-sentinel-secret' };
const ENV = { REDIS_PASSWORD: AUTH.password, SENTINEL_PASSWORD: AUTH.sentinelPassword };
let sentinels: TestSentinels;

beforeAll(async () => {
  sentinels = await startTestSentinels('cli-main', AUTH);
}, 60_000);

afterAll(async () => {
  await sentinels?.stop();
});

describe('queuedesk worker --sentinel --master', () => {
  it('finds the primary through the sentinels and completes a job added there', async () => {
    const name = randomQueue();
    const dir = mkdtempSync(join(tmpdir(), 'qd-cli-sentinel-'));
    const tasks = resolve('resources/example/tasks.ts');
    writeFileSync(join(dir, 'queuedesk.config.json'), JSON.stringify({ tasks, queues: [name] }));
    const queue = new Queue(name, { connection: { port: sentinels.primary.port, password: AUTH.password } });
    const args = [
      'worker',
      '--config',
      dir,
      '--sentinel',
      sentinels.sentinels.join(','),
      '--master',
      'cli-main',
    ];
    const worker = cli(args, ENV);
    try {
      await waitUntil(() => worker.output().includes(`consuming ${name}`), 20_000, 25, worker.output);
      expect(worker.output()).toContain(`→ redis-sentinel://${sentinels.sentinels.join(',')}/cli-main`);
      const sent = await queue.add('email.send', { to: 'ada@example.test' });
      const done = await finished(queue, sent.id as string);
      expect(done.returnvalue).toEqual({ messageId: `${sent.id}@example.test` });
      worker.proc.kill('SIGTERM');
      expect(await worker.exit).toBe(0);
      expect(worker.output()).not.toMatch(/cli-(data|sentinel)-secret/);
    } finally {
      worker.proc.kill('SIGKILL');
      await queue.close();
    }
  }, 40_000);
});
