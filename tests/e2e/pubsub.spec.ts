import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { startTestRedis } from '../helpers/redis-server';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import type { Page } from '@playwright/test';

/** A plain Redis client of the serve process's embedded Redis: "another client" from the user's app. */
async function otherClient(apiUrl: string): Promise<Redis> {
  const api = await WsApi.open(apiUrl);
  const { url } = await api.data<{ url: string }>('connection.status');
  api.close();
  const redis = new Redis(url);
  redis.on('error', () => undefined);
  return redis;
}

async function openPubSub(app: Page): Promise<void> {
  await app.getByTestId('nav-pubsub').click();
  await expect(app.getByTestId('page-pubsub')).toBeVisible();
}

async function subscribe(app: Page, kind: 'channels' | 'patterns', name: string): Promise<void> {
  await app.getByTestId('pubsub-sub-kind').selectOption(kind);
  await app.getByTestId('pubsub-sub-input').fill(name);
  await app.getByTestId('pubsub-sub-add').click();
  await expect(app.getByTestId('pubsub-chips')).toContainText(name);
}

const count = (app: Page, id: string) => app.getByTestId(`pubsub-count-${id}`);

test('subscribes to a pattern and shows messages from the form and from another client', async ({
  app,
  serve,
}) => {
  const other = await otherClient(serve.apiUrl);
  await openPubSub(app);
  await subscribe(app, 'patterns', 'orders:*');
  await expect(app.getByTestId('pubsub-state')).toContainText('Subscriber ready');

  await app.getByTestId('pubsub-pub-channel').fill('orders:created');
  await app.getByTestId('pubsub-pub-payload').fill('{"id":42,"items":[{"sku":"A-1","qty":2}],"total":19.5}');
  await app.getByTestId('pubsub-pub-send').click();
  await expect(app.getByTestId('pubsub-pub-outcome')).toHaveText('Delivered to 1 subscriber');
  expect(await other.publish('orders:paid', '{"id":42,"paid":true}')).toBe(1);
  await other.publish('orders:binary', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00]));

  const rows = app.getByTestId('pubsub-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('orders:binary');
  await expect(rows.nth(1)).toContainText('orders:paid');
  await expect(rows.nth(2)).toContainText('orders:created');
  await expect(rows.nth(2)).toContainText('orders:*');
  await expect(count(app, 'received')).toHaveText('3');
  await expect(count(app, 'delivered')).toHaveText('3');
  await expect(count(app, 'dropped')).toHaveText('0');

  await rows.nth(2).click();
  await expect(app.getByTestId('pubsub-detail-payload')).toContainText('"sku": "A-1"');
  await expect(app.getByTestId('pubsub-detail')).toContainText('JSON');
  await expect(app.getByTestId('pubsub-history')).toContainText('orders:created');

  // Another app's subscriber shows up among the active channels, with its count.
  const listener = await otherClient(serve.apiUrl);
  await listener.subscribe('news');
  await app.getByTestId('pubsub-active').getByRole('button', { name: 'Refresh' }).click();
  await expect(app.getByTestId('pubsub-active-channel').filter({ hasText: 'news' })).toContainText('1 sub');
  // Ours at least: other specs share this Redis, and a Celery queue's event follower holds a pattern of its own.
  await expect(app.getByTestId('pubsub-active')).toContainText(/[1-9]\d* pattern subscription/);

  await screenshot(app, 'pubsub', 'light');
  await screenshot(app, 'pubsub', 'dark');

  await app.getByTestId('pubsub-table').locator('.msg-scroll').press('ArrowUp');
  await app.getByTestId('pubsub-table').locator('.msg-scroll').press('ArrowUp');
  await expect(rows.nth(0)).toHaveClass(/selected/);
  await expect(app.getByTestId('pubsub-detail')).toContainText('binary');
  await expect(app.getByTestId('pubsub-detail-payload')).toHaveText('3q2+7wA=');

  // Filter, then pause: the table holds still while messages keep arriving and being counted.
  await app.getByTestId('pubsub-filter').fill('PAID');
  await expect(rows).toHaveCount(1);
  await expect(count(app, 'shown')).toHaveText('1');
  await app.getByTestId('pubsub-filter').fill('');
  await app.getByTestId('pubsub-pause').click();
  await other.publish('orders:late', 'x');
  await expect(count(app, 'received')).toHaveText('4');
  await expect(rows).toHaveCount(3);
  await expect(app.getByTestId('pubsub-pause')).toHaveText('Resume (1 new)');
  await app.getByTestId('pubsub-pause').click();
  await expect(rows).toHaveCount(4);

  const [download] = await Promise.all([
    app.waitForEvent('download'),
    app.getByTestId('pubsub-export').click(),
  ]);
  const lines = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines.map((l) => l.channel)).toEqual([
    'orders:created',
    'orders:paid',
    'orders:binary',
    'orders:late',
  ]);
  expect(lines[2]).toMatchObject({ payload: '3q2+7wA=', payloadEncoding: 'base64', pattern: 'orders:*' });

  await app.getByTestId('pubsub-clear').click();
  await expect(rows).toHaveCount(0);
  await expect(count(app, 'received')).toHaveText('0');

  // Bytes from the form: base64 in, the same bytes out; Ctrl+Enter sends.
  await app.getByTestId('pubsub-pub-channel').fill('orders:raw');
  await app.getByTestId('pubsub-pub-base64').check();
  await app.getByTestId('pubsub-pub-payload').fill('AAEC/w==');
  await app.getByTestId('pubsub-pub-payload').press('Control+Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('base64');
  await expect(rows.first()).toContainText('AAEC/w==');
  await expect(rows.first()).toContainText('4 bytes');

  await app.getByTestId('pubsub-chip').filter({ hasText: 'orders:*' }).getByRole('button').click();
  await expect(app.getByTestId('pubsub-chip')).toHaveCount(0);
  await expect(app.getByTestId('pubsub-state')).toContainText('Subscriber idle');
  other.disconnect();
  listener.disconnect();
});

test('turns keyspace events on and shows a key expire', async ({ app, serve }) => {
  const other = await otherClient(serve.apiUrl);
  await openPubSub(app);
  await app.getByTestId('pubsub-clear').click();
  await app.getByTestId('pubsub-keyspace').click();
  await expect(app.getByTestId('pubsub-keyspace')).toBeChecked();
  await expect(app.getByTestId('pubsub-state')).toContainText('Subscriber ready');
  await other.set('session:abc', 'v', 'PX', 300);
  // Other keys in this shared Redis (BullMQ's stalled-check locks) expire too: pick this key's events.
  const rows = app.getByTestId('pubsub-row').filter({ hasText: 'session:abc' });
  await expect(rows.filter({ hasText: '__keyevent@0__:set' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: '__keyevent@0__:expired' }).first()).toBeVisible({ timeout: 5000 });
  await screenshot(app, 'pubsub-keyspace', 'light');
  await screenshot(app, 'pubsub-keyspace', 'dark');
  await app.getByTestId('pubsub-keyspace').click();
  await expect(app.getByTestId('pubsub-keyspace')).not.toBeChecked();
  await expect(app.getByTestId('pubsub-state')).toContainText('Subscriber idle');
  expect(await other.config('GET', 'notify-keyspace-events')).toEqual(['notify-keyspace-events', '']);
  other.disconnect();
});

test('says when the subscriber had to reconnect, and why keyspace events cannot be turned on', async ({
  app,
  serve,
}) => {
  const other = await otherClient(serve.apiUrl);
  await openPubSub(app);
  await subscribe(app, 'channels', 'jobs:done');
  await expect(app.getByTestId('pubsub-state')).toContainText('Subscriber ready');
  // Kill the console's own subscriber (other parts of the host keep pub/sub connections of their own).
  const clients = String(await other.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
  const id = /id=(\d+) .*name=queuedesk:subscriber /.exec(clients)?.[1];
  expect(id).toBeDefined();
  expect(await other.call('CLIENT', 'KILL', 'ID', id as string)).toBe(1);
  await expect(app.getByTestId('pubsub-note')).toContainText('re-subscribed to 1 channel');
  await app.getByTestId('pubsub-clear').click();
  await other.publish('jobs:done', 'after the kill');
  await expect(app.getByTestId('pubsub-row')).toContainText(['after the kill']);

  // A Redis that refuses CONFIG (as managed services often do): the switch stays off and says what to do.
  const locked = await startTestRedis(['--rename-command', 'CONFIG', '']);
  const api = await WsApi.open(serve.apiUrl);
  try {
    await api.data('connection.connect', { mode: 'url', url: locked.url });
    await expect(app.getByTestId('pubsub-state')).toContainText('Subscriber ready');
    await app.getByTestId('pubsub-keyspace').click();
    await expect(app.getByTestId('pubsub-error')).toContainText('refuses CONFIG');
    await expect(app.getByTestId('pubsub-error')).toContainText('notify-keyspace-events');
    await expect(app.getByTestId('pubsub-keyspace')).not.toBeChecked();
    await screenshot(app, 'pubsub-config-refused', 'light');
    await screenshot(app, 'pubsub-config-refused', 'dark');
  } finally {
    await api.data('connection.connect', { mode: 'embedded' });
    await api.data('pubsub.unsubscribe', { channels: ['jobs:done'] });
    api.close();
    other.disconnect();
    await locked.stop();
  }
});

test('shows a large payload cut for display, with its full size', async ({ app, serve }) => {
  const other = await otherClient(serve.apiUrl);
  await openPubSub(app);
  await subscribe(app, 'channels', 'blobs');
  await app.getByTestId('pubsub-clear').click();
  await other.publish('blobs', JSON.stringify({ data: 'x'.repeat(100_000) }));
  const row = app.getByTestId('pubsub-row').first();
  await expect(row).toContainText('cut');
  await expect(row).toContainText('97.7 KiB');
  await row.click();
  await expect(app.getByTestId('pubsub-detail')).toContainText('first 16.0 KiB of 97.7 KiB');
  await app.getByTestId('pubsub-chip').filter({ hasText: 'blobs' }).getByRole('button').click();
  await expect(app.getByTestId('pubsub-chip')).toHaveCount(0);
  other.disconnect();
});

test('keeps the rows being read in place while new ones arrive above', async ({ app, serve }) => {
  const other = await otherClient(serve.apiUrl);
  await openPubSub(app);
  await subscribe(app, 'channels', 'feed');
  await app.getByTestId('pubsub-clear').click();
  for (let i = 0; i < 60; i++) await other.publish('feed', `m${i}`);
  await expect(count(app, 'shown')).toHaveText('60');
  const scroller = app.getByTestId('pubsub-table').locator('.msg-scroll');
  await scroller.evaluate((el) => (el.scrollTop = 260)); // ten rows down: m49 at the top
  const topRow = async (): Promise<string> =>
    scroller.evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const hit = el.ownerDocument.elementFromPoint(el.getBoundingClientRect().left + 400, top + 5);
      return hit?.closest('[data-testid="pubsub-row"]')?.textContent ?? '';
    });
  await expect.poll(topRow).toContain('m49');
  for (let i = 60; i < 65; i++) await other.publish('feed', `m${i}`);
  await expect(count(app, 'shown')).toHaveText('65');
  await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBe(260 + 5 * 26);
  expect(await topRow()).toContain('m49');
  await app.getByTestId('pubsub-chip').filter({ hasText: 'feed' }).getByRole('button').click();
  other.disconnect();
});
