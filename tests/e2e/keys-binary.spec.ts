import type { Page } from '@playwright/test';
import { startServeProcess } from '../helpers/serve-process';
import { expect, screenshot, test } from './fixtures';
import { openKeys, redisOf } from './keys-helpers';

const row = (app: Page, key: string) => app.locator(`[data-testid="key-row"][data-key="${key}"]`);

/** The key names of the list's rows in the order shown (rows are placed by transform, not DOM order). */
async function shownOrder(app: Page): Promise<string[]> {
  const rows = await app.locator('[data-testid="key-row"]').evaluateAll((els) =>
    els.map((el) => ({
      name: el.querySelector('.key-name')?.textContent ?? '',
      y: el.getBoundingClientRect().top,
    })),
  );
  return rows.sort((a, b) => a.y - b.y).map((r) => r.name);
}

test('a binary key shows with escapes, opens with escaped values, and is renamed by typing escapes', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  const name = Buffer.concat([Buffer.from('kb:'), Buffer.from([0xff, 0x00]), Buffer.from('abc')]);
  await redis.hset(name, Buffer.from([0x80, 0x81]), Buffer.from([0x00, 0x0a, 0x41]));
  await redis.set(Buffer.from([0x6b, 0x62, 0x3a, 0x01]), 'x');
  await redis.set('kb:plain', 'x');

  await openKeys(app);
  await app.getByTestId('keys-pattern').fill('kb:\\xff*');
  await app.getByTestId('keys-pattern').press('Enter');
  // The filter's \xff is the byte: only the binary key matches.
  await expect(app.getByTestId('key-count')).toHaveText('1 key');
  await expect(app.locator('[data-testid="key-row"] .key-name')).toHaveText(['"kb:\\xff\\x00abc"']);

  await app.locator('[data-testid="key-row"]').first().click();
  await expect(app.getByTestId('detail-key')).toHaveText('"kb:\\xff\\x00abc"');
  await expect(app.getByTestId('detail-size')).toHaveText('1 field');
  const cells = app.locator('[data-testid="entry-row"] span');
  await expect(cells).toHaveText(['"\\x80\\x81"', '"\\x00\\nA"']);
  await screenshot(app, 'keys-binary', 'light');
  await screenshot(app, 'keys-binary', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });

  await app.getByTestId('rename-key').click();
  const input = app.getByTestId('rename-input');
  await expect(input).toHaveValue('"kb:\\xff\\x00abc"');
  await input.fill('"kb:\\xff\\x01renamed\\t"');
  await input.press('Enter');
  await expect(app.getByTestId('detail-key')).toHaveText('"kb:\\xff\\x01renamed\\t"');
  const renamed = Buffer.concat([Buffer.from('kb:'), Buffer.from([0xff, 0x01]), Buffer.from('renamed\t')]);
  expect(await redis.exists(renamed)).toBe(1);
  expect(await redis.exists(name)).toBe(0);
  await expect(cells).toHaveText(['"\\x80\\x81"', '"\\x00\\nA"']);
  await expect(app.locator('[data-testid="key-row"] .key-name')).toHaveText(['"kb:\\xff\\x01renamed\\t"']);

  // A quoted name that does not close is refused, and nothing is renamed.
  await app.getByTestId('rename-key').click();
  await app.getByTestId('rename-input').fill('"kb:broken');
  await app.getByTestId('rename-input').press('Enter');
  await expect(app.getByTestId('detail-notice')).toHaveText(/closing quote/);
  expect(await redis.exists(renamed)).toBe(1);

  await redis.del(renamed, Buffer.from([0x6b, 0x62, 0x3a, 0x01]), 'kb:plain');
  redis.disconnect();
  ws.close();
});

test('names sort naturally in the list and the tree', async ({ app, serve }) => {
  const { redis, ws } = await redisOf(serve);
  const names = [
    'nat:board:100076',
    'nat:board:9',
    'nat:board:10008',
    'nat:b10:x',
    'nat:b9:x',
    'nat:board:10',
  ];
  for (const n of names) await redis.set(n, '1');
  await openKeys(app);
  await app.getByTestId('keys-pattern').fill('nat:*');
  await app.getByTestId('keys-pattern').press('Enter');
  await expect(app.getByTestId('key-count')).toHaveText('6 keys');
  await expect
    .poll(() => shownOrder(app))
    .toEqual(['nat:b9:x', 'nat:b10:x', 'nat:board:9', 'nat:board:10', 'nat:board:10008', 'nat:board:100076']);

  await app.getByTestId('view-tree').click();
  await app.getByTestId('folder-row').filter({ hasText: 'nat:' }).click();
  await expect(app.getByTestId('folder-row')).toHaveText([/^▾nat:6$/, /^▸b9:1$/, /^▸b10:1$/, /^▸board:4$/]);
  await app.getByTestId('folder-row').filter({ hasText: 'board:' }).click();
  await expect.poll(() => shownOrder(app)).toEqual(['9', '10', '10008', '100076']);
  await screenshot(app, 'keys-natural-tree', 'light');
  await app.getByTestId('view-flat').click();
  await redis.del(...names);
  redis.disconnect();
  ws.close();
});

test('the walk on opening is paced with progress shown; the toolbar holds still and the list keeps the open row in place when the scan ends', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // A Redis of its own: the walk on opening covers exactly these keys, long enough to work in meanwhile.
  const serve = await startServeProcess();
  const { redis, ws } = await redisOf(serve);
  try {
    const N = 200_000;
    for (let i = 0; i < N; i += 10_000) {
      const p = redis.pipeline();
      for (let j = i; j < i + 10_000; j++) p.set(`place:${j}`, 'v');
      await p.exec();
    }
    await page.goto(serve.pageUrl);
    await page.getByTestId('nav-keys').click();
    const progress = page.getByTestId('scan-progress');
    await expect(progress).toBeVisible();
    await expect(page.getByTestId('scan-now')).toBeVisible();
    const fixed = ['scan-status', 'view-flat', 'keys-sort', 'new-key'];
    const boxes = async (): Promise<string> =>
      JSON.stringify(await Promise.all(fixed.map(async (id) => page.getByTestId(id).boundingBox())));
    const still = await boxes();

    // Rows stream in, sorted as they come up to 50k rows, then in arrival order until the walk ends and the
    // list is sorted again: the open row must stay put through all of it.
    await expect(page.locator('[data-testid="key-row"]').nth(20)).toBeVisible();
    await page.getByTestId('keys-vlist').evaluate((el) => (el.scrollTop = 30 * 40));
    // Rows move as they stream, so the row followed is whichever one the click opened.
    await page.locator('[data-testid="key-row"]').nth(8).click();
    const active = page.locator('[data-testid="key-row"].active');
    await expect(active).toHaveCount(1);
    const key = (await active.getAttribute('data-key'))!;
    await expect(page.getByTestId('detail-key')).toHaveText(key);
    const y = (await row(page, key).boundingBox())!.y;
    // Still walking after the click (else this test proves nothing about the end of the scan).
    await expect(progress).toBeVisible();
    const seen = await progress.textContent();
    await expect(progress).not.toHaveText(seen!);
    expect(await boxes()).toBe(still);
    await screenshot(page, 'keys-paced-walk', 'light');

    await expect(page.getByTestId('key-count')).toHaveText('200,000 keys', { timeout: 100_000 });
    expect(await boxes()).toBe(still);
    // Sorted now, and the open row is where it was on screen.
    await expect(row(page, key)).toHaveClass(/active/);
    expect((await row(page, key).boundingBox())!.y).toBeCloseTo(y, 0);
    const order = await shownOrder(page);
    expect([...order].sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)))).toEqual(order);
    await screenshot(page, 'keys-paced-done', 'light');
  } finally {
    redis.disconnect();
    ws.close();
    await serve.stop();
  }
});
