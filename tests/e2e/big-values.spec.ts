import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { expect, screenshot, test } from './fixtures';
import { longestTaskCpu, scrollTo, takeFrames, watchFrames, type FrameReport } from './frames';
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

const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];
const measured: Record<string, FrameReport & { taskCpu: number }> = {};
/**
 * No task of the page's main thread takes over 100 ms of CPU in any step, read from a Chromium trace of the
 * step. The rAF frame gaps and the Long Tasks API's wall-clock durations are recorded and printed too, but
 * not asserted: on this shared 2-core machine (load average ~20) they mostly count time the thread waited
 * for a core; traced, a 74 ms "long task" here spent 3 ms on the CPU.
 * Soft: every step is measured and reported even after one is over.
 */
function within(step: string, r: FrameReport & { taskCpu: number }): void {
  measured[step] = r;
  expect.soft(r.frames, `${step}: frames were drawn`).toBeGreaterThan(0);
  expect.soft(r.taskCpu, `${step}: most CPU one main-thread task took`).toBeLessThan(FRAME_BUDGET);
}

test('big values: a 20 MB string and 200k-element hash and list load, edit and save with no main-thread task over 100 ms', async ({
  app,
  serve,
  browser,
}) => {
  test.setTimeout(240_000);
  const { redis, ws } = await redisOf(serve);
  // After a failure the worker's serve stops before this client is closed: its reconnect errors are noise.
  redis.on('error', () => undefined);
  const text = bigText(20 * MB);
  await redis.set('big:string', text);
  await seed(redis, 200_000);
  await openKeys(app);
  await app.getByTestId('keys-pattern').fill('big:*');
  await app.getByTestId('scan-start').click();
  await expect(app.getByTestId('key-count')).toHaveText('3 keys');
  const row = (key: string) => app.locator(`[data-testid="key-row"][data-key="${key}"]`);
  await watchFrames(app);
  // Each step runs under a Chromium trace, for the CPU time of the page's longest task.
  let tracing = false;
  const begin = async (): Promise<void> => {
    if (tracing) await browser.stopTracing();
    await takeFrames(app);
    await browser.startTracing(app, { categories: TRACE_CATEGORIES });
    tracing = true;
  };
  const end = async (step: string): Promise<void> => {
    const frames = await takeFrames(app);
    const trace = await browser.stopTracing();
    tracing = false;
    within(step, { ...frames, taskCpu: longestTaskCpu(trace).cpu });
    await begin();
  };
  // The measure itself can see a busy page: a script busy for 1.5 s of wall time is one task of well over
  // 100 ms CPU even when a loaded machine gives the thread a small share of a core.
  await begin();
  await app.evaluate('(() => { const t = performance.now(); while (performance.now() - t < 1500); })()');
  const calibration = longestTaskCpu(await browser.stopTracing()).cpu;
  tracing = false;
  expect(calibration, 'a 1.5 s busy loop, traced').toBeGreaterThanOrEqual(100);

  // The string: first slice at once, then every slice, laid out in the worker; scrolling renders rows in view.
  await begin();
  await row('big:string').click();
  const view = app.getByTestId('big-view');
  await expect(view).toHaveAttribute('data-mode', 'text');
  await end('string: open');
  await app.getByTestId('big-load-all').click();
  await expect(app.getByTestId('big-loaded')).toHaveText('all 20.0 MiB loaded', { timeout: 60_000 });
  await expect(view).toContainText('café €');
  await end('string: load all');
  await scrollTo(app, 'big-view-scroll', 1);
  const lastLine = text.toString().slice(text.toString().lastIndexOf('\n') + 1);
  await expect(view).toContainText(lastLine.slice(0, 40));
  await scrollTo(app, 'big-view-scroll', 0.5);
  await end('string: scroll');
  await screenshot(app, 'keys-big-string', 'light');
  await screenshot(app, 'keys-big-string', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });

  // Edit the segment where the view is scrolled: only that segment is sent and spliced.
  await begin();
  await app.getByTestId('string-edit').click();
  const where = await app.getByTestId('segment-where').textContent();
  const [, from, to] = /bytes ([\d,]+)–([\d,]+)/.exec(where ?? '')!.map((s) => s.replace(/,/g, ''));
  expect(Number(from)).toBeGreaterThan(5 * MB);
  const edit = app.getByTestId('segment-edit');
  await end('string: open the segment editor');
  await edit.click();
  await edit.press('Control+Home');
  await edit.pressSequentially('EDITED ');
  await end('string: type in the segment');
  await app.getByRole('button', { name: 'Save segment' }).click();
  await expect(app.getByTestId('detail-notice')).toHaveText('segment saved');
  const edited = Buffer.concat([
    text.subarray(0, Number(from)),
    Buffer.from('EDITED '),
    text.subarray(Number(from)),
  ]);
  await end('string: save the segment');
  expect((await redis.getBuffer('big:string'))!.equals(edited)).toBe(true);
  expect(Number(to) - Number(from)).toBeLessThanOrEqual(16 * 1024 + 3);
  await expect(app.getByTestId('big-loaded')).toHaveText('all 20.0 MiB loaded', { timeout: 60_000 });
  await end('string: load all again after the edit');
  await screenshot(app, 'keys-big-string-edit', 'light');

  // Save to file streams from Redis: the file is the value, byte for byte.
  await begin();
  const [download] = await Promise.all([
    app.waitForEvent('download'),
    app.getByTestId('save-to-file').click(),
  ]);
  expect(download.suggestedFilename()).toBe('big_string.bin');
  expect(readFileSync((await download.path())!).equals(edited)).toBe(true);
  await end('string: save to file');

  // The hash: every page loaded, the table renders only rows in view; edit one field at the end.
  await begin();
  await row('big:hash').click();
  await app.getByRole('button', { name: 'Load all' }).click();
  await expect(app.getByTestId('entry-loaded')).toHaveText('200,000 of 200,000 loaded', { timeout: 60_000 });
  await scrollTo(app, 'entry-scroll', 1);
  await end('hash: load all, scroll');
  const lastRow = app.getByTestId('entry-table').getByTestId('entry-row').last();
  const field = (await lastRow.locator('span').first().textContent())!;
  await lastRow.click();
  await app.getByTestId('value-edit').fill('changed');
  await app.getByRole('button', { name: 'Save field' }).click();
  await expect(app.getByTestId('detail-notice')).toHaveText('field saved');
  expect(await redis.hget('big:hash', field)).toBe('changed');
  await end('hash: edit a field');
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
  await end('hash: save to file');

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
  await end('list: load all, scroll, save');
  await browser.stopTracing();
  console.log('frames per step (ms):', JSON.stringify(measured));
  test.info().annotations.push({ type: 'frames-per-step', description: JSON.stringify(measured) });

  await redis.del('big:string', 'big:hash', 'big:list');
  redis.disconnect();
  ws.close();
});
