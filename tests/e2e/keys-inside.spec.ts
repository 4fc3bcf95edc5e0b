import { gzipSync } from 'node:zlib';
import { pack } from 'msgpackr';
import type { Page } from '@playwright/test';
import { writeBigHash } from '../integration/keys/big-values';
import { expect, screenshot, test } from './fixtures';
import { openKeys, redisOf } from './keys-helpers';

/** Scans for `pattern` and opens `key` from the list. */
async function openKey(app: Page, pattern: string, key: string): Promise<void> {
  await app.getByTestId('keys-pattern').fill(pattern);
  await app.getByTestId('scan-start').click();
  await app.locator(`[data-testid="key-row"][data-key="${key}"]`).click();
  await expect(app.getByTestId('detail-key')).toHaveText(key);
}

/** Whether a cell shows its whole text (nothing cut by the column's width). */
const fits = (cell: { scrollWidth: number; clientWidth: number }): boolean =>
  cell.scrollWidth <= cell.clientWidth;

test('inside a 190,000-field hash: a server-side MATCH filter, with readable field and value columns', async ({
  app,
  serve,
}) => {
  const { redis } = await redisOf(serve);
  await writeBigHash(redis, 'ki:bighash', 190_000);
  await redis.hset(
    'ki:bighash',
    'settings:payload:compressed',
    gzipSync(JSON.stringify({ theme: 'dark', n: 3 })),
  );
  await openKeys(app);
  await openKey(app, 'ki:big*', 'ki:bighash');
  await expect(app.getByTestId('entry-loaded')).toHaveText(/^\d+ of 190,001 loaded$/);

  await app.getByTestId('inside-match').fill('field:1234*');
  await app.getByRole('button', { name: 'Filter' }).click();
  const status = app.getByTestId('inside-status');
  await expect(status).toContainText('111 matches for field:1234*');
  await expect(status).toContainText('scanned 190,001 of 190,001');
  await expect(app.getByTestId('entry-loaded')).toHaveText('111 of 111 loaded');
  const rows = app.getByTestId('entry-row');
  await expect(rows.first()).toContainText(/field:1234\d*/);

  // The field column is as wide as its fields, the value column shows the values beside them.
  const cells = await rows
    .first()
    .locator('span')
    .evaluateAll((spans) =>
      spans.map((s) => ({
        text: s.textContent ?? '',
        scrollWidth: s.scrollWidth,
        clientWidth: s.clientWidth,
      })),
    );
  expect(fits(cells[0]!)).toBe(true);
  expect(cells[1]!.text).toMatch(/^value \d+ x+/);
  expect(cells[1]!.clientWidth).toBeGreaterThan(cells[0]!.clientWidth);
  await screenshot(app, 'keys-inside-hash', 'light');
  await screenshot(app, 'keys-inside-hash', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });

  // A gzip-compressed JSON field opens decompressed, as a tree.
  await app.getByTestId('inside-match').fill('settings:*');
  await app.getByRole('button', { name: 'Filter' }).click();
  await expect(status).toContainText('1 match for settings:*');
  await rows.first().click();
  const view = app.getByTestId('value-view');
  await expect(view).toHaveAttribute('data-format', 'gzip');
  await expect(view).toHaveAttribute('data-mode', 'json');
  await expect(view).toContainText('"theme": "dark"');
  await expect(app.getByTestId('format-note')).toContainText('read as JSON');

  // The divider between the columns can be dragged.
  const handle = app.getByTestId('col-resize');
  const box = (await handle.boundingBox())!;
  await app.mouse.move(box.x + 3, box.y + box.height / 2);
  await app.mouse.down();
  await app.mouse.move(box.x + 203, box.y + box.height / 2, { steps: 5 });
  await app.mouse.up();
  const after = (await handle.boundingBox())!;
  expect(after.x - box.x).toBeGreaterThan(150);
  await app.getByTestId('inside-clear').click();
  await expect(app.getByTestId('entry-loaded')).toHaveText(/^\d+ of 190,001 loaded$/);
  await redis.del('ki:bighash');
  redis.disconnect();
});

test('MessagePack rendered as a tree; a format picked by hand is remembered for the namespace after a reload', async ({
  app,
  serve,
}) => {
  const { redis } = await redisOf(serve);
  await redis.set('ki:mp:job', pack({ user: 'ada', tags: ['x', 'y'], nested: { deep: [1, 2] } }));
  await redis.set('ki:fmt:one', 'plain words');
  await redis.set('ki:fmt:two', 'more words');
  await redis.set('ki:other:three', 'other words');
  await openKeys(app);

  await openKey(app, 'ki:*', 'ki:mp:job');
  const view = app.getByTestId('value-view');
  await expect(view).toHaveAttribute('data-format', 'msgpack');
  await expect(view).toContainText('"user": "ada"');
  await expect(view).toContainText('"tags": [');
  // Folding a branch hides its children.
  await view.getByRole('button', { name: 'Fold' }).nth(1).click();
  await expect(view).not.toContainText('"x"');
  await expect(view).toContainText('2 items');
  await screenshot(app, 'keys-inside-msgpack', 'light');

  await openKey(app, 'ki:*', 'ki:fmt:one');
  await expect(view).toHaveAttribute('data-format', 'text');
  await app.getByTestId('format-switch').getByRole('button', { name: 'Hex' }).click();
  await expect(view).toHaveText(/^70 6c 61 69 6e/);

  await app.reload();
  await openKeys(app);
  await openKey(app, 'ki:*', 'ki:fmt:two');
  await expect(view).toHaveAttribute('data-format', 'hex');
  await expect(view).toHaveText(/^6d 6f 72 65/);
  await expect(app.getByTestId('format-switch').getByRole('button', { name: 'Auto' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  // Another namespace is not affected.
  await openKey(app, 'ki:*', 'ki:other:three');
  await expect(view).toHaveAttribute('data-format', 'text');
  // Auto forgets the choice.
  await openKey(app, 'ki:*', 'ki:fmt:two');
  await app.getByTestId('format-switch').getByRole('button', { name: 'Auto' }).click();
  await expect(view).toHaveAttribute('data-format', 'text');
  await redis.del('ki:mp:job', 'ki:fmt:one', 'ki:fmt:two', 'ki:other:three');
  redis.disconnect();
});

test('a list index jump, a sorted-set score range and a stream time range', async ({ app, serve }) => {
  const { redis } = await redisOf(serve);
  await redis.rpush('ki:list', ...[...Array(5000).keys()].map((i) => `item-${i}`));
  for (let i = 0; i < 100; i++) await redis.zadd('ki:zset', i, `m${i}`);
  const base = Date.UTC(2026, 0, 5, 10, 0, 0);
  for (let i = 0; i < 30; i++) await redis.xadd('ki:stream', `${base + i * 60_000}-0`, 'n', String(i));
  await openKeys(app);

  await openKey(app, 'ki:*', 'ki:list');
  await app.getByTestId('inside-index').fill('-2');
  await app.getByRole('button', { name: 'Go to index' }).click();
  const rows = app.getByTestId('entry-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('4998');
  await expect(app.getByTestId('value-edit')).toHaveValue('item-4998');
  await app.getByTestId('inside-index').fill('3000');
  await app.getByRole('button', { name: 'Go to index' }).click();
  await expect(rows.first()).toContainText('item-3000');

  await openKey(app, 'ki:*', 'ki:zset');
  await app.getByLabel('Range low').fill('(10');
  await app.getByLabel('Range high').fill('15');
  await app.getByRole('button', { name: 'Score range' }).click();
  await expect(app.getByTestId('inside-status')).toContainText('5 of 5 with (10 ≤ score ≤ 15');
  await expect(rows.first()).toContainText('m11');

  await openKey(app, 'ki:*', 'ki:stream');
  // The page's time zone is the machine's: the bounds are typed as local times of the entries' instants.
  const local = (ms: number): string =>
    new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  await app.getByTestId('inside-from').fill(local(base + 10 * 60_000));
  await app.getByTestId('inside-to').fill(local(base + 12 * 60_000));
  await app.getByRole('button', { name: 'Time range' }).click();
  await expect(app.getByTestId('inside-status')).toContainText('3 entries');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(`${base + 10 * 60_000}-0`);
  await screenshot(app, 'keys-inside-stream', 'light');
  await redis.del('ki:list', 'ki:zset', 'ki:stream');
  redis.disconnect();
});
