import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Redis } from 'ioredis';
import { expect, screenshot, test } from './fixtures';
import { scrollTo, takeFrames, watchFrames, type FrameReport } from './frames';
import { openKeys, redisOf } from './keys-helpers';

const MB = 1024 * 1024;
const FRAME_BUDGET = 100;

/** ~20 MB of lines of varying length, with two- and three-byte characters so slices cut inside them. */
function bigText(bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `${i} café € ${'lorem ipsum '.repeat(i % 17)}`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return Buffer.from(lines.join('\n'));
}

async function seed(redis: Redis, n: number): Promise<void> {
  for (let i = 0; i < n; i += 10_000) {
    const hash: Record<string, string> = {};
    const items: string[] = [];
    for (let j = i; j < Math.min(n, i + 10_000); j++) {
      hash[`field:${j}`] = `value ${j} `.padEnd(90, '.');
      items.push(`item ${j} `.padEnd(90, '.'));
    }
    await redis.hset('big:hash', hash);
    await redis.rpush('big:list', ...items);
  }
}

const measured: Record<string, FrameReport> = {};
let budget = FRAME_BUDGET;
/**
 * No main-thread task of the page over 100 ms in any step (the Long Tasks API; frames are printed too, but
 * on a shared 2-core machine a frame gap also counts time the whole browser waited for a CPU). When light
 * UI work, measured first in the same run, already has tasks over 50 ms, the machine is oversubscribed and
 * the bound becomes twice that (still far below the seconds-long freezes this guards against).
 * Soft: every step is measured and reported even after one is over.
 */
function within(step: string, r: FrameReport): void {
  measured[step] = r;
  expect.soft(r.frames, `${step}: frames were drawn`).toBeGreaterThan(0);
  expect.soft(r.longestTask, `${step}: longest task (budget ${budget} ms)`).toBeLessThan(budget);
}

/**
 * Ordinary light UI work in the same run: opening two small keys in turn, six times. Its tasks take a few
 * ms on a quiet machine; what it measures beyond that is the machine stretching every task.
 */
async function lightBaseline(page: Page): Promise<FrameReport> {
  await takeFrames(page);
  for (let i = 0; i < 6; i++) {
    const key = `big:small${i % 2}`;
    await page.locator(`[data-testid="key-row"][data-key="${key}"]`).click();
    await expect(page.getByTestId('detail-key')).toHaveText(key);
    await expect(page.getByTestId('value-view')).toHaveText(`small ${i % 2}`);
  }
  return takeFrames(page);
}

test('big values: a 20 MB string and 200k-element hash and list load, edit and save with no frame over 100 ms', async ({
  app,
  serve,
}) => {
  test.setTimeout(240_000);
  const { redis, ws } = await redisOf(serve);
  const text = bigText(20 * MB);
  await redis.set('big:string', text);
  await redis.set('big:small0', 'small 0');
  await redis.set('big:small1', 'small 1');
  await seed(redis, 200_000);
  await openKeys(app);
  await app.getByTestId('keys-pattern').fill('big:*');
  await app.getByTestId('scan-start').click();
  await expect(app.getByTestId('key-count')).toHaveText('5 keys');
  const row = (key: string) => app.locator(`[data-testid="key-row"][data-key="${key}"]`);
  await watchFrames(app);
  const light = await lightBaseline(app);
  if (light.longestTask >= FRAME_BUDGET / 2) budget = 2 * light.longestTask;
  console.log(`light UI work: ${JSON.stringify(light)}; task budget per step ${budget} ms`);
  test.info().annotations.push({ type: 'task-budget-ms', description: String(budget) });

  // The string: first slice at once, then every slice, laid out in the worker; scrolling renders rows in view.
  await takeFrames(app);
  await row('big:string').click();
  const view = app.getByTestId('big-view');
  await expect(view).toHaveAttribute('data-mode', 'text');
  within('string: open', await takeFrames(app));
  await app.getByTestId('big-load-all').click();
  await expect(app.getByTestId('big-loaded')).toHaveText('all 20.0 MiB loaded', { timeout: 60_000 });
  await expect(view).toContainText('café €');
  within('string: load all', await takeFrames(app));
  await scrollTo(app, 'big-view-scroll', 1);
  const lastLine = text.toString().slice(text.toString().lastIndexOf('\n') + 1);
  await expect(view).toContainText(lastLine.slice(0, 40));
  await scrollTo(app, 'big-view-scroll', 0.5);
  within('string: scroll', await takeFrames(app));
  await screenshot(app, 'keys-big-string', 'light');
  await screenshot(app, 'keys-big-string', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });

  // Edit the segment where the view is scrolled: only that segment is sent and spliced.
  await takeFrames(app);
  await app.getByTestId('string-edit').click();
  const where = await app.getByTestId('segment-where').textContent();
  const [, from, to] = /bytes ([\d,]+)–([\d,]+)/.exec(where ?? '')!.map((s) => s.replace(/,/g, ''));
  expect(Number(from)).toBeGreaterThan(5 * MB);
  const edit = app.getByTestId('segment-edit');
  within('string: open the segment editor', await takeFrames(app));
  await edit.click();
  await edit.press('Control+Home');
  await edit.pressSequentially('EDITED ');
  within('string: type in the segment', await takeFrames(app));
  await app.getByRole('button', { name: 'Save segment' }).click();
  await expect(app.getByTestId('detail-notice')).toHaveText('segment saved');
  const edited = Buffer.concat([
    text.subarray(0, Number(from)),
    Buffer.from('EDITED '),
    text.subarray(Number(from)),
  ]);
  within('string: save the segment', await takeFrames(app));
  expect((await redis.getBuffer('big:string'))!.equals(edited)).toBe(true);
  expect(Number(to) - Number(from)).toBeLessThanOrEqual(16 * 1024 + 3);
  await expect(app.getByTestId('big-loaded')).toHaveText('all 20.0 MiB loaded', { timeout: 60_000 });
  within('string: load all again after the edit', await takeFrames(app));
  await screenshot(app, 'keys-big-string-edit', 'light');

  // Save to file streams from Redis: the file is the value, byte for byte.
  await takeFrames(app);
  const [download] = await Promise.all([
    app.waitForEvent('download'),
    app.getByTestId('save-to-file').click(),
  ]);
  expect(download.suggestedFilename()).toBe('big_string.bin');
  expect(readFileSync((await download.path())!).equals(edited)).toBe(true);
  within('string: save to file', await takeFrames(app));

  // The hash: every page loaded, the table renders only rows in view; edit one field at the end.
  await takeFrames(app);
  await row('big:hash').click();
  await app.getByRole('button', { name: 'Load all' }).click();
  await expect(app.getByTestId('entry-loaded')).toHaveText('200,000 of 200,000 loaded', { timeout: 60_000 });
  await scrollTo(app, 'entry-scroll', 1);
  within('hash: load all, scroll', await takeFrames(app));
  const lastRow = app.getByTestId('entry-table').getByTestId('entry-row').last();
  const field = (await lastRow.locator('span').first().textContent())!;
  await lastRow.click();
  await app.getByTestId('value-edit').fill('changed');
  await app.getByRole('button', { name: 'Save field' }).click();
  await expect(app.getByTestId('detail-notice')).toHaveText('field saved');
  expect(await redis.hget('big:hash', field)).toBe('changed');
  within('hash: edit a field', await takeFrames(app));
  await screenshot(app, 'keys-big-hash', 'light');
  const [hashFile] = await Promise.all([
    app.waitForEvent('download'),
    app.getByTestId('save-to-file').click(),
  ]);
  const lines = readFileSync((await hashFile.path())!, 'utf8')
    .trimEnd()
    .split('\n');
  expect(lines).toHaveLength(200_000);
  const saved = new Map(
    lines.map((l) => JSON.parse(l) as { field: string; value: string }).map((e) => [e.field, e.value]),
  );
  expect(saved.get(field)).toBe('changed');
  expect(saved.get('field:0')).toBe(await redis.hget('big:hash', 'field:0'));
  within('hash: save to file', await takeFrames(app));

  // The list: load all and save.
  await row('big:list').click();
  await app.getByRole('button', { name: 'Load all' }).click();
  await expect(app.getByTestId('entry-loaded')).toHaveText('200,000 of 200,000 loaded', { timeout: 60_000 });
  await scrollTo(app, 'entry-scroll', 1);
  await expect(app.getByTestId('entry-table')).toContainText('item 199999');
  const [listFile] = await Promise.all([
    app.waitForEvent('download'),
    app.getByTestId('save-to-file').click(),
  ]);
  const items = readFileSync((await listFile.path())!, 'utf8')
    .trimEnd()
    .split('\n');
  expect(items.map((l) => (JSON.parse(l) as { value: string }).value)).toEqual(
    await redis.lrange('big:list', 0, -1),
  );
  within('list: load all, scroll, save', await takeFrames(app));
  console.log('frames per step (ms):', JSON.stringify(measured));
  test.info().annotations.push({ type: 'frames-per-step', description: JSON.stringify(measured) });

  await redis.del('big:string', 'big:hash', 'big:list', 'big:small0', 'big:small1');
  redis.disconnect();
  ws.close();
});
