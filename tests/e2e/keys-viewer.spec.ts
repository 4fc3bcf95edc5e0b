import { Queue } from 'bullmq';
import { expect, screenshot, test } from './fixtures';
import { openKeys, redisOf } from './keys-helpers';

const celeryMessage = JSON.stringify({
  body: Buffer.from(
    JSON.stringify([[2, 3], { retry: true }, { callbacks: null, errbacks: null, chain: null, chord: null }]),
  ).toString('base64'),
  'content-encoding': 'utf-8',
  'content-type': 'application/json',
  headers: { lang: 'py', task: 'tasks.add', id: 'c0ffee', retries: 0 },
  properties: {
    body_encoding: 'base64',
    delivery_tag: 'd1',
    delivery_info: { exchange: '', routing_key: 'celery' },
  },
});

test('viewer: JSON/hex switch, binary key, Celery and BullMQ decoding, set/zset/stream editors, filters', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  await redis.set('vv:json', '{"a":1,"b":[1,2]}', 'EX', 30);
  await redis.set(Buffer.from([0x76, 0x76, 0x3a, 0xff, 0xfe]), Buffer.from([0x00, 0x01, 0xc3, 0x28]));
  await redis.lpush('vv:celery', celeryMessage);
  await redis.zadd('vv:zset', 1, 'one', 2, 'two');
  await redis.sadd('vv:set', 'alpha', 'beta');
  await redis.xadd('vv:stream', '1-1', 'event', 'signup');
  await redis.xgroup('CREATE', 'vv:stream', 'mailers', '0');
  const queue = new Queue('vvq', {
    connection: { port: Number(new URL((await ws.data<{ url: string }>('connection.status')).url).port) },
  });
  await queue.add('resize', { image: 'cat.png' }, { attempts: 2 });

  await openKeys(app);
  await app.getByTestId('keys-pattern').fill('vv:*');
  await app.getByTestId('scan-start').click();
  await expect(app.getByTestId('key-count')).toHaveText('6 keys');
  const row = (key: string) => app.locator(`[data-testid="key-row"][data-key="${key}"]`);

  await row('vv:json').click();
  const view = app.getByTestId('value-view');
  await expect(view).toHaveAttribute('data-mode', 'json');
  await expect(view).toContainText('"b": [');
  await app.getByRole('button', { name: 'Hex' }).click();
  await expect(view).toHaveAttribute('data-mode', 'hex');
  await expect(view).toHaveText(/^7b 22 61 22 3a 31/);
  // A format picked by hand holds for the whole namespace (vv:): back to detecting it from the bytes.
  await app.getByRole('button', { name: 'Auto' }).click();
  await expect(view).toHaveAttribute('data-mode', 'json');

  const binary = app.locator('[data-testid="key-row"]').filter({ hasText: '"vv:\\xff\\xfe"' });
  await binary.click();
  await expect(app.getByTestId('detail-key')).toHaveText('"vv:\\xff\\xfe"');
  await expect(view).toHaveText('00 01 c3 28');

  await row('vv:celery').click();
  await app.getByTestId('entry-row').first().click();
  const celery = app.getByTestId('celery-decoded');
  await expect(celery).toContainText('tasks.add');
  await expect(celery).toContainText('[2,3]');
  await expect(celery).toContainText('{"retry":true}');
  await screenshot(app, 'keys-celery', 'light');
  await screenshot(app, 'keys-celery', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });

  await row('vv:zset').click();
  await app.getByLabel('Member').fill('three');
  await app.getByLabel('Score').fill('3.5');
  await app.getByRole('button', { name: 'Add member' }).click();
  await expect(app.getByTestId('entry-table')).toContainText('3.5');
  expect(await redis.zscore('vv:zset', 'three')).toBe('3.5');

  await row('vv:set').click();
  await app.getByTestId('entry-table').getByText('alpha', { exact: true }).click();
  await app.getByRole('button', { name: 'Remove member' }).click();
  await expect(app.getByTestId('detail-notice')).toHaveText('member removed');
  expect(await redis.smembers('vv:set')).toEqual(['beta']);
  await app.getByRole('button', { name: 'Rename' }).click();
  await app.getByLabel('New name').fill('vv:set2');
  await app.getByRole('button', { name: 'Rename' }).click();
  await expect(app.getByTestId('detail-key')).toHaveText('vv:set2');
  await expect(row('vv:set2')).toBeVisible();
  await expect(row('vv:set')).toHaveCount(0);
  expect(await redis.exists('vv:set', 'vv:set2')).toBe(1);

  await row('vv:stream').click();
  await expect(app.getByTestId('stream-groups')).toContainText('mailers');
  await app.getByLabel('New entry fields').fill('event=login\nuser=7');
  await app.getByRole('button', { name: 'Add entry' }).click();
  await expect(app.getByTestId('entry-table')).toContainText('event=login  user=7');
  expect(await redis.xlen('vv:stream')).toBe(2);

  await app.getByTestId('keys-pattern').fill('bull:vvq:*');
  await app.getByTestId('scan-start').click();
  await row('bull:vvq:1').click();
  const job = app.getByTestId('bull-job');
  await expect(job).toContainText('resize');
  await expect(job).toContainText('waiting');
  await expect(job).toContainText('"image": "cat.png"');
  await screenshot(app, 'keys-bull-job', 'light');

  await app.getByTestId('keys-pattern').fill('vv:*');
  await app.getByTestId('keys-type').selectOption('zset');
  await app.getByTestId('scan-start').click();
  await expect(app.getByTestId('key-count')).toHaveText('1 key');
  await expect(row('vv:zset')).toBeVisible();
  await app.getByTestId('keys-type').selectOption('');
  await app.getByTestId('scan-start').click();
  await expect(app.getByTestId('key-count')).toHaveText('6 keys');
  await app.getByTestId('keys-sort').selectOption('ttl');
  await expect(app.locator('[data-testid="key-row"]').first()).toHaveAttribute('data-key', 'vv:json');

  await queue.obliterate({ force: true });
  await queue.close();
  await ws.data('keys.deletePattern', { match: 'vv:*', opId: 'cleanup' });
  redis.disconnect();
  ws.close();
});
