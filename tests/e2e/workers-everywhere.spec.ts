import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Worker } from 'bullmq';
import { expect, screenshot, test } from './fixtures';
import { redisOf } from './keys-helpers';
import { uniqueQueue } from './queues-helpers';

const ROOT = resolve(import.meta.dirname, '../..');

test("the Processes panel lists every machine's workers: QueueDesk's with host and pid, another app's apart", async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  const queue = uniqueQueue('everywhere');
  const url = (await ws.data<{ url: string }>('connection.status')).url;
  const cli = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/queuedesk.js'),
      'worker',
      '--config',
      'resources/example',
      '--redis',
      url,
      '--queues',
      queue,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, QUEUEDESK_HOST_NAME: 'build-box-2' },
      stdio: 'ignore',
    },
  );
  const foreign = new Worker(queue, async () => undefined, {
    connection: { port: Number(redis.options.port), maxRetriesPerRequest: null },
    name: 'billing-app',
  });
  try {
    await app.getByTestId('nav-processes').click();
    const card = app.getByTestId('everywhere-card');
    const row = card.getByTestId('everywhere-row').filter({ hasText: 'build-box-2' });
    // Announcements and the card refresh on their own (every 10 s at most).
    await expect(row).toContainText('queuedesk worker', { timeout: 20_000 });
    await expect(row).toContainText(String(cli.pid));
    await expect(row).toContainText(queue);
    await expect(card.getByTestId('everywhere-hosts')).toContainText('build-box-2');
    await expect(card.getByTestId('everywhere-foreign').filter({ hasText: 'billing-app' })).toContainText(
      queue,
    );
    await screenshot(app, 'workers-everywhere');
  } finally {
    cli.kill('SIGTERM');
    await foreign.close();
    redis.disconnect();
    ws.ws.close();
  }
});
