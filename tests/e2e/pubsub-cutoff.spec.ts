import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { expect, screenshot, test } from './fixtures';

// Its own serve process on an external Redis whose pubsub output-buffer limit is tiny (the embedded one has none).
let redis: TestRedis;
let serve: ServeProcess;
test.beforeAll(async () => {
  redis = await startTestRedis(['--client-output-buffer-limit', 'pubsub', '32kb', '0', '0']);
  serve = await startServeProcess(['--redis', redis.url]);
});
test.afterAll(async () => {
  await serve.stop();
  await redis.stop();
});

test('the Pub/Sub panel says loudly when the server cut the subscriber off, and how much was missed', async ({
  page,
}) => {
  await page.goto(serve.pageUrl);
  await page.getByTestId('nav-pubsub').click();
  await page.getByTestId('pubsub-sub-kind').selectOption('channels');
  await page.getByTestId('pubsub-sub-input').fill('orders');
  await page.getByTestId('pubsub-sub-add').click();
  await expect(page.getByTestId('pubsub-state')).toContainText('Subscriber ready');
  const pub = redis.client();
  await pub.publish('orders', '{"id":1}');
  await expect(page.getByTestId('pubsub-count-received')).toHaveText('1');
  await expect(page.getByTestId('pubsub-cutoff')).toHaveCount(0);

  // Bigger than the limit: the server drops the subscriber rather than send it; one more is lost while it is away.
  await pub.publish('orders', JSON.stringify({ id: 2, blob: 'x'.repeat(100_000) }));
  await pub.publish('orders', '{"id":3}');
  const banner = page.getByTestId('pubsub-cutoff');
  await expect(banner).toContainText('Redis cut the subscriber off once');
  await expect(banner).toContainText('at most 2 message(s)');
  await expect(page.getByTestId('pubsub-state')).toContainText('Subscriber ready');
  await pub.publish('orders', '{"id":4}');
  await expect(page.getByTestId('pubsub-count-received')).toHaveText('2');
  await screenshot(page, 'pubsub-cutoff', 'light');
  await screenshot(page, 'pubsub-cutoff', 'dark');

  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
});
