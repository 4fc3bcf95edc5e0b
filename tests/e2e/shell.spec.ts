import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { expect, screenshot, test } from './fixtures';

let redis: TestRedis;
test.beforeAll(async () => {
  redis = await startTestRedis();
});
test.afterAll(async () => {
  await redis?.stop();
});

test('opens connected to the embedded Redis and shows the server version', async ({ app }) => {
  await expect(app.getByTestId('status-state')).toHaveText('Connected');
  await expect(app.getByTestId('status-version')).toHaveText(/^Redis \d+\.\d+\.\d+$/);
  await expect(app.getByTestId('connection-banner')).toHaveCount(0);
  // Every panel is reachable from the navigation, keeps its place in the URL, and shows its own content.
  const marks = {
    queues: 'Queues',
    compose: 'Compose',
    keys: 'Scan',
    pubsub: 'Pub/Sub',
    processes: 'Processes',
    connection: 'Connection',
  };
  for (const [id, text] of Object.entries(marks)) {
    await app.getByTestId(`nav-${id}`).click();
    await expect(app.getByTestId(`page-${id}`)).toContainText(text);
    expect(new URL(app.url()).hash).toBe(`#/${id}`);
  }
  await app.getByTestId('nav-connection').click();
  await expect(app.getByTestId('current-state')).toHaveText('connected');
  await screenshot(app, 'connection', 'light');
  await screenshot(app, 'connection', 'dark');
});

test('switches to a URL connection, shows bad input inline, and comes back to embedded', async ({ app }) => {
  await app.getByTestId('nav-connection').click();
  const url = app.getByTestId('url-input');

  // Bad input: an inline error, nothing sent, still on embedded.
  await url.fill('http://nope');
  await app.getByTestId('url-db').fill('42');
  await app.getByTestId('url-connect').click();
  await expect(app.getByText('Use redis://host:port or rediss://host:port')).toBeVisible();
  await expect(app.getByText('A database index from 0 to 15')).toBeVisible();
  await expect(app.getByTestId('current-url')).toContainText('Embedded Redis');

  // A server that is not there: the test button says why.
  await url.fill('redis://127.0.0.1:1');
  await app.getByTestId('url-db').fill('');
  await app.getByTestId('url-test').click();
  await expect(app.getByTestId('url-outcome')).toContainText(/ECONNREFUSED/);

  await url.fill(redis.url);
  await app.getByTestId('url-test').click();
  await expect(app.getByTestId('url-outcome')).toContainText(/Reached Redis \d/);
  await app.getByTestId('url-connect').click();
  await expect(app.getByTestId('current-url')).toHaveText(`${redis.url}`);
  await expect(app.getByTestId('status-state')).toHaveText('Connected');
  await screenshot(app, 'connection-url', 'light');

  await app.getByTestId('embedded-connect').click();
  await expect(app.getByTestId('current-url')).toContainText('Embedded Redis');
  await expect(app.getByTestId('status-version')).toBeVisible();
});

test('shows a banner when the Redis it uses goes away, and recovers by itself', async ({ app }) => {
  await app.getByTestId('nav-connection').click();
  await app.getByTestId('url-input').fill(redis.url);
  await app.getByTestId('url-connect').click();
  await expect(app.getByTestId('current-url')).toHaveText(redis.url);

  await redis.kill();
  await expect(app.getByTestId('connection-banner')).toContainText('Redis connection lost');
  await screenshot(app, 'connection-lost', 'light');
  await redis.restart();
  await expect(app.getByTestId('connection-banner')).toHaveCount(0, { timeout: 15_000 });
  await expect(app.getByTestId('status-state')).toHaveText('Connected');

  await app.getByTestId('embedded-connect').click();
  await expect(app.getByTestId('current-url')).toContainText('Embedded Redis');
});
