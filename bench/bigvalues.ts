/**
 * bench:bigvalues — a 20 MB string and a 200k-field hash in the embedded Redis of a real `serve`, opened in
 * Chromium through the UI; for each, "Load all" and a scroll to the end, measuring the longest gap between
 * animation frames and the longest main-thread task inside the page. Baseline: the same measures on the same
 * page sitting idle for as long, in the same run (what the machine itself adds).
 * Last line: `bigvalues: longest_frame_ms=<n> baseline_ms=<n> ratio=<n> longest_task_ms=<n>`.
 */
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../playwright.config';
import { scrollTo, takeFrames, watchFrames, type FrameReport } from '../tests/e2e/frames';
import { openKeys, redisOf } from '../tests/e2e/keys-helpers';
import { startServeProcess } from '../tests/helpers/serve-process';

const log = (line: string): void => console.log(`bigvalues: ${line}`);

async function idle(page: Page, ms: number): Promise<FrameReport> {
  await takeFrames(page);
  await page.waitForTimeout(ms); // the baseline is time itself: an idle page for as long as the step took
  return takeFrames(page);
}

async function step(page: Page, run: () => Promise<void>): Promise<{ report: FrameReport; ms: number }> {
  await takeFrames(page);
  const t0 = performance.now();
  await run();
  return { report: await takeFrames(page), ms: Math.round(performance.now() - t0) };
}

async function main(): Promise<void> {
  const serve = await startServeProcess();
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const { redis, ws } = await redisOf(serve);
    await redis.set('bench:string', Buffer.alloc(20 * 1024 * 1024, 'line of text for the big value bench\n'));
    for (let i = 0; i < 200_000; i += 10_000) {
      const fields: Record<string, string> = {};
      for (let j = i; j < i + 10_000; j++) fields[`field:${j}`] = `value ${j} `.padEnd(90, '.');
      await redis.hset('bench:hash', fields);
    }
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(serve.pageUrl);
    await openKeys(page);
    await page.getByTestId('keys-pattern').fill('bench:*');
    await page.getByTestId('scan-start').click();
    await page.getByTestId('key-count').filter({ hasText: '2 keys' }).waitFor();
    await watchFrames(page);
    const row = (key: string) => page.locator(`[data-testid="key-row"][data-key="${key}"]`);

    const str = await step(page, async () => {
      await row('bench:string').click();
      await page.getByTestId('big-load-all').click();
      await page
        .getByTestId('big-loaded')
        .filter({ hasText: 'all 20.0 MiB loaded' })
        .waitFor({ timeout: 120_000 });
      await scrollTo(page, 'big-view-scroll', 1);
    });
    log(
      `20 MB string: load all + scroll in ${str.ms} ms, longest frame ${str.report.longestFrame} ms, longest task ${str.report.longestTask} ms`,
    );
    const hash = await step(page, async () => {
      await row('bench:hash').click();
      await page.getByRole('button', { name: 'Load all' }).click();
      await page
        .getByTestId('entry-loaded')
        .filter({ hasText: '200,000 of 200,000' })
        .waitFor({ timeout: 120_000 });
      await scrollTo(page, 'entry-scroll', 1);
    });
    log(
      `200k-field hash: load all + scroll in ${hash.ms} ms, longest frame ${hash.report.longestFrame} ms, longest task ${hash.report.longestTask} ms`,
    );
    const base = await idle(page, Math.max(str.ms, hash.ms));
    log(
      `baseline idle page for ${Math.max(str.ms, hash.ms)} ms: longest frame ${base.longestFrame} ms, longest task ${base.longestTask} ms`,
    );
    const longest = Math.max(str.report.longestFrame, hash.report.longestFrame);
    const task = Math.max(str.report.longestTask, hash.report.longestTask);
    const ratio = (longest / Math.max(1, base.longestFrame)).toFixed(2);
    log(
      `longest_frame_ms=${longest} baseline_ms=${base.longestFrame} ratio=${ratio} longest_task_ms=${task}`,
    );
    await redis.del('bench:string', 'bench:hash');
    redis.disconnect();
    ws.close();
  } finally {
    await browser.close();
    await serve.stop();
  }
}

await main();
