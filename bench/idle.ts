/**
 * What an idle QueueDesk costs Redis: 1M keys (DEBUG POPULATE) and a few BullMQ queues, `serve` connected to it,
 * the real UI open in Chromium on each panel in turn. For each panel, after it settles, Redis's own time spent
 * on commands (INFO commandstats usec) over the window, as a share of the wall time, and commands per second.
 * Baseline in the same run: the same window with no page open (serve idle). Goal: at most 1% on every panel.
 * Last line: `idle: redis_time_pct=<max over panels> commands_per_s=<at that panel>`.
 *
 * `npm run bench:idle`; IDLE_SECONDS (default 20) sets the window per panel, IDLE_KEYS (default 1000000) the keys.
 */
import { Queue } from 'bullmq';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../playwright.config';
import { startTestRedis } from '../tests/helpers/redis-server';
import { commandStats, loadBetween, populate, type RedisLoad } from '../tests/helpers/redis-time';
import { startServeProcess } from '../tests/helpers/serve-process';

const SECONDS = Number(process.env.IDLE_SECONDS ?? 20);
const KEYS = Number(process.env.IDLE_KEYS ?? 1_000_000);
/** After opening a panel its first loads run (the user asked for them); idle starts after this. */
const SETTLE_MS = 3000;
const PANELS = ['queues', 'compose', 'keys', 'pubsub', 'processes', 'connection'] as const;
const QUEUES = ['emails', 'reports', 'thumbnails'];

const redis = await startTestRedis(['--enable-debug-command', 'local']);
const probe = redis.client();
await populate(probe, KEYS);
for (const name of QUEUES) {
  const queue = new Queue(name, { connection: { port: redis.port } });
  await queue.addBulk(Array.from({ length: 20 }, (_, i) => ({ name: 'demo.echo', data: { i } })));
  await queue.close();
}
const serve = await startServeProcess(['--redis', redis.url]);
const browser = await chromium.launch(CHROMIUM_LAUNCH);

async function measure(label: string): Promise<RedisLoad> {
  const before = await commandStats(probe);
  const started = Date.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000)); // the measured window
  const load = loadBetween(before, await commandStats(probe), Date.now() - started);
  // The commands that took most of Redis's time: name=calls/usec.
  const top = [...load.usec]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, usec]) => `${name}=${load.calls.get(name)}/${usec}us`)
    .join(' ');
  console.log(
    `${label.padEnd(10)} redis_time_pct=${load.timePct.toFixed(3)} commands_per_s=${load.commandsPerSec.toFixed(1)}  (${top})`,
  );
  return load;
}

async function open(page: Page, panel: (typeof PANELS)[number]): Promise<void> {
  await page.getByTestId(`nav-${panel}`).click();
  await page.getByTestId(`page-${panel}`).waitFor();
  if (panel === 'keys') {
    // The key browser lists every key once when first opened (the user asked); idle is after that walk.
    const before = await commandStats(probe);
    const started = Date.now();
    await page.getByTestId('scan-start').waitFor({ timeout: 600_000 });
    const ms = Date.now() - started;
    const load = loadBetween(before, await commandStats(probe), ms);
    console.log(
      `keys first listing (asked, not idle): ${(ms / 1000).toFixed(1)} s, redis_time_pct=${load.timePct.toFixed(1)} during it`,
    );
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS));
}

try {
  console.log(`idle bench: ${KEYS} keys, ${QUEUES.length} queues, ${SECONDS} s per panel`);
  const baseline = await measure('no page');
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  await page.goto(serve.pageUrl);
  await page.getByTestId('status-state').filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  // The first listing looks for queues everywhere (the user opened the panel): wait for it before measuring.
  await page
    .getByText(QUEUES[0] as string)
    .first()
    .waitFor({ timeout: 60_000 });
  let worst: RedisLoad = baseline;
  for (const panel of PANELS) {
    await open(page, panel);
    const load = await measure(panel);
    if (load.timePct > worst.timePct || worst === baseline) worst = load;
  }
  const statusOps = await page.getByTestId('status-ops').textContent();
  console.log(`status bar: ${statusOps}`);
  console.log(
    `idle: redis_time_pct=${worst.timePct.toFixed(3)} commands_per_s=${worst.commandsPerSec.toFixed(1)} baseline_pct=${baseline.timePct.toFixed(3)}`,
  );
} finally {
  await browser.close();
  await serve.stop();
  await redis.stop();
}
