import type { Redis } from 'ioredis';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import type { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import { redisOf } from './keys-helpers';

// A serve of its own: these flows delete everything in its embedded Redis.
let serve: ServeProcess;
let other: TestRedis;
let redis: Redis;
let ws: WsApi;
const KEYS = 120;

test.beforeAll(async () => {
  [serve, other] = await Promise.all([startServeProcess(), startTestRedis(['--requirepass', 'right'])]);
  ({ redis, ws } = await redisOf(serve));
  const p = redis.pipeline();
  for (let i = 0; i < KEYS - 2; i++) p.set(`app:item:${i}`, i);
  await p.exec();
  // The beat schedules live in Redis too: two keys (definitions and run state).
  await ws.data('beat.add', {
    id: 'nightly',
    task: 'demo.echo',
    queue: 'default',
    trigger: { every: 3_600_000 },
  });
});
test.afterAll(async () => {
  ws?.close();
  redis?.disconnect();
  await Promise.all([serve?.stop(), other?.stop()]);
});

test('nothing stored is lost without a confirmation that names it', async ({ page: app }) => {
  await app.goto(serve.pageUrl);
  await app.getByTestId('nav-connection').click();
  await expect(app.getByTestId('embedded-state')).toHaveText(`In use: ${KEYS} keys, kept on disk.`);

  // A wrong password: the attempt fails and the app stays on the embedded Redis.
  await app.getByTestId('url-input').fill(`redis://:wrong@127.0.0.1:${other.port}`);
  await app.getByTestId('url-connect').click();
  await expect(app.getByTestId('url-outcome')).toContainText(/WRONGPASS|invalid/i);
  await expect(app.getByTestId('current-url')).toContainText('Embedded Redis');

  // Away and back: the embedded server kept running with every key.
  await app.getByTestId('url-input').fill(`redis://:right@127.0.0.1:${other.port}`);
  await app.getByTestId('url-connect').click();
  await expect(app.getByTestId('current-url')).toHaveText(`redis://:***@127.0.0.1:${other.port}`);
  await expect(app.getByTestId('embedded-state')).toHaveText(
    `Running in the background: ${KEYS} keys, kept on disk.`,
  );
  await app.getByTestId('embedded-connect').click();
  await expect(app.getByTestId('current-url')).toContainText('Embedded Redis');
  await expect(app.getByTestId('embedded-state')).toHaveText(`In use: ${KEYS} keys, kept on disk.`);

  // Reset asks for the number of keys to be typed; cancelling keeps them.
  await app.getByTestId('embedded-reset').click();
  const dialog = app.getByTestId('confirm-dialog');
  await expect(dialog).toContainText(`Deletes all ${KEYS} keys of the embedded Redis, from its file too`);
  await expect(dialog.getByTestId('confirm-ok')).toBeDisabled();
  await dialog.getByTestId('confirm-input').fill(String(KEYS - 1));
  await expect(dialog.getByTestId('confirm-ok')).toBeDisabled();
  await screenshot(app, 'safety-reset-confirm', 'light');
  await screenshot(app, 'safety-reset-confirm', 'dark');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await redis.dbsize()).toBe(KEYS);

  // A removed schedule comes back with Undo.
  await app.emulateMedia({ colorScheme: 'light' });
  await app.getByTestId('nav-processes').click();
  const row = app.locator('[data-testid="schedule-row"][data-schedule-id="nightly"]');
  await row.getByTestId('schedule-remove').click();
  await expect(row).toHaveCount(0);
  const undo = app.getByTestId('toast').filter({ hasText: 'Schedule nightly removed' });
  await screenshot(app, 'safety-schedule-undo', 'light');
  await undo.getByTestId('toast-action').click();
  await expect(row).toHaveCount(1);
  await expect(app.getByTestId('toast').filter({ hasText: 'Schedule nightly restored' })).toBeVisible();

  // Deleting `*` needs the count typed.
  await app.getByTestId('nav-keys').click();
  await app.getByTestId('delete-pattern').click();
  await app.getByTestId('delete-pattern-input').fill('*');
  await app.getByRole('button', { name: 'Count matches' }).click();
  await expect(app.getByTestId('delete-pattern-count')).toContainText(
    `${KEYS} keys match *: that is every key in this database`,
  );
  const del = app.getByTestId('delete-pattern-confirm');
  await expect(del).toBeDisabled();
  await app.getByTestId('delete-pattern-type').fill(String(KEYS));
  await screenshot(app, 'safety-delete-everything', 'light');
  await del.click();
  await expect(app.getByTestId('delete-pattern-done')).toHaveText(`Deleted ${KEYS} keys.`);
  expect(await redis.dbsize()).toBe(0);
});

test('a worker does not follow a switch to another Redis: it is stopped and the user is told', async ({
  page: app,
}) => {
  await app.goto(serve.pageUrl);
  await app.getByTestId('nav-connection').click();
  await expect(app.getByTestId('current-url')).toContainText('Embedded Redis');
  const worker = await ws.data<{ id: string }>('workers.start', { queues: ['default'] });
  await app.getByTestId('url-input').fill(`redis://:right@127.0.0.1:${other.port}`);
  await app.getByTestId('url-connect').click();
  await expect(app.getByTestId('current-url')).toHaveText(`redis://:***@127.0.0.1:${other.port}`);
  const notice = app.getByTestId('toast').filter({ hasText: `stopped ${worker.id} (default)` });
  await expect(notice).toContainText('Start them again on the Processes page');
  await screenshot(app, 'safety-switched', 'light');
  await expect.poll(async () => (await ws.data<unknown[]>('workers.list')).length).toBe(0);
});
