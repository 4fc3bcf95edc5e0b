/**
 * How smoothly the key list scrolls over 200,000 keys: the real UI (serve + Chromium) lists them all, then the
 * list is scrolled top to bottom one step per animation frame; frame times p50/p95. Baseline in the same run:
 * the same page's frames while nothing scrolls (what the machine gives any page). The e2e test
 * (tests/e2e/keys.spec.ts) keeps only a sanity bound; this is where the figure is read.
 * Last line: `keys-scroll: p50_ms=<n> p95_ms=<n> idle_p95_ms=<n> ratio_p95=<scroll/idle> frames=<n>`.
 *
 * `npm run bench:keys-scroll`; SCROLL_KEYS (default 200000) sets the keys.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../playwright.config';
import { percentile, scrollAndMeasure } from '../tests/e2e/keys-helpers';
import { startTestRedis } from '../tests/helpers/redis-server';
import { startServeProcess } from '../tests/helpers/serve-process';

const KEYS = Number(process.env.SCROLL_KEYS ?? 200_000);
const IDLE_FRAMES = 300;

/** Frame times with nothing to do, in the page (as text: the node typecheck has no DOM types). */
const IDLE_SCRIPT = `(async () => {
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const frames = [];
  let last = await frame();
  for (let i = 0; i < ${IDLE_FRAMES}; i++) {
    const t = await frame();
    frames.push(t - last);
    last = t;
  }
  return frames;
})()`;

const redis = await startTestRedis();
const probe = redis.client();
for (let i = 0; i < KEYS; i += 10_000) {
  const p = probe.pipeline();
  for (let j = i; j < Math.min(KEYS, i + 10_000); j++)
    p.set(`load:${String(j % 40).padStart(2, '0')}:${String(j).padStart(6, '0')}`, 'v');
  await p.exec();
}
const serve = await startServeProcess(['--redis', redis.url]);
const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  await page.goto(serve.pageUrl);
  await page.getByTestId('status-state').filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  // The first opening lists every key (as the user asked): on a busy machine that takes a while.
  await page.getByTestId('nav-keys').click();
  await page.getByTestId('key-count').waitFor({ timeout: 300_000 });
  await page.getByTestId('keys-pattern').fill('load:*');
  await page.getByTestId('scan-start').click();
  await page
    .getByTestId('key-count')
    .filter({ hasText: `${KEYS.toLocaleString('en-US')} keys` })
    .waitFor({ timeout: 300_000 });
  const idle = (await page.evaluate(IDLE_SCRIPT)) as number[];
  const { frames, reachedEnd } = await scrollAndMeasure(page, 8000);
  if (!reachedEnd) throw new Error('the list did not scroll to its end');
  const [p50, p95, idleP95] = [percentile(frames, 50), percentile(frames, 95), percentile(idle, 95)];
  console.log(
    `keys-scroll: p50_ms=${p50.toFixed(1)} p95_ms=${p95.toFixed(1)} idle_p95_ms=${idleP95.toFixed(1)} ratio_p95=${(p95 / idleP95).toFixed(2)} frames=${frames.length}`,
  );
} finally {
  await browser.close();
  await serve.stop();
  await redis.stop();
}
