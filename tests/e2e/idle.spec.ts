import { Queue } from 'bullmq';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { populate } from '../helpers/redis-time';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { expect, screenshot, test } from './fixtures';
import { uniqueQueue } from './queues-helpers';

// Big enough that the host no longer walks it for each listing, and that a background pass takes many seconds.
const KEYS = 200_000;

let redis: TestRedis;
let serve: ServeProcess;

test.beforeAll(async () => {
  redis = await startTestRedis(['--enable-debug-command', 'local']);
  await populate(redis.client(), KEYS);
  serve = await startServeProcess(['--redis', redis.url]);
});

test.afterAll(async () => {
  await serve?.stop();
  await redis?.stop();
});

test('on a big keyspace: the status bar tells QueueDesk its own ops, and a rescan finds a queue made elsewhere', async ({
  page,
}) => {
  await page.goto(serve.pageUrl);
  await expect(page.getByTestId('status-ops')).toHaveText(/^ops\/s \d+ \(QueueDesk \d+\)$/);
  await expect(page.getByTestId('queues-empty')).toBeVisible();

  const name = uniqueQueue('made-elsewhere');
  const outside = new Queue(name, { connection: { port: redis.port } });
  await outside.add('report', {});
  await outside.close();
  await page.getByTestId('queues-rescan').click();
  // A background pass over this many keys takes far longer than this; only the rescan finds it this fast.
  await expect(page.locator(`[data-testid="queue-item"][data-queue="${name}"]`)).toBeVisible({
    timeout: 5000,
  });
  await expect(page.getByTestId('queues-rescan')).toHaveText('Look for new queues');
  await screenshot(page, 'queues-rescan', 'light');
  await screenshot(page, 'queues-rescan', 'dark');
});
