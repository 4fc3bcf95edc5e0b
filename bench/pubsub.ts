/**
 * Pub/sub throughput: one pipelined publisher sends as fast as it can for 10 s to a channel that both
 * `redis-cli subscribe` (the baseline, same run) and QueueDesk (`serve`, read by a WebSocket client) receive.
 * Prints published/received counts, QueueDesk's delivered rate, its dropped count (must be exactly published −
 * delivered), the host's peak RSS, then the browser stage: the Pub/Sub page in Chromium at a paced 50,000 msg/s,
 * its frame-time p95 and whether its counters add up. Last line: `pubsub: received_per_s=… ratio=… delivered_per_s=…
 * silent_loss=…`: ratio is what reached QueueDesk against redis-cli; delivery to the UI is budgeted (SHOW_PER_SECOND).
 * First, the reader cost (bench/pubsub-reader.ts) and the top-rate stages of bench/pubsub-max.ts (`pubsub_max: …`);
 * `--only-max` / `--no-max` pick, `--embedded-only` leaves out the run on a server with default limits.
 *
 * `node --import tsx bench/pubsub.ts` (after `npm run build`); it re-runs itself with `--publish` as the publisher.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../playwright.config';
import type { PubSubMessagesEvent } from '../src/shared/contract';
import { percentile, publishFor, RECORD_FRAMES, TAKE_FRAMES } from '../tests/integration/pubsub/load';
import { waitUntil } from '../tests/helpers/process-alive';
import { startTestRedis } from '../tests/helpers/redis-server';
import { startServeProcess } from '../tests/helpers/serve-process';
import { WsApi } from '../tests/helpers/ws-api';
import { maxLine, maxRateStage, openPubSubPage } from './pubsub-max';
import { readerStage } from './pubsub-reader';

const SECONDS = 10;
const BROWSER_SECONDS = 6;
const BROWSER_RATE = 50_000;

if (process.argv[2] === '--publish') await publisher();
else await main();

/** Child mode: publish for `seconds` (as fast as possible, or paced to `rate`/s), print the count. */
async function publisher(): Promise<void> {
  const [port, channel, seconds, rate] = process.argv.slice(3);
  const redis = new Redis({ port: Number(port) });
  const result = await publishFor(redis, channel!, Number(seconds), Number(rate));
  process.stdout.write(JSON.stringify(result));
  redis.disconnect();
}

function publish(
  port: number,
  channel: string,
  seconds: number,
  rate = 0,
): Promise<{ sent: number; seconds: number }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      import.meta.filename,
      '--publish',
      String(port),
      channel,
      String(seconds),
      String(rate),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`publisher exited ${code}`)),
    ),
  );
}

/** `redis-cli subscribe` prints three lines per message when not on a terminal. */
function redisCliSubscriber(port: number, channel: string): { count(): number; stop(): void } {
  const child = spawn('redis-cli', ['-p', String(port), 'subscribe', channel], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let lines = 0;
  child.stdout.on('data', (d: Buffer) => {
    for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
  });
  return { count: () => Math.max(0, Math.floor((lines - 3) / 3)), stop: () => child.kill() };
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The top-rate stage twice: on the embedded Redis (QueueDesk's own settings), then on an external Redis with the
 * server's default output-buffer limits, where only draining at line rate avoids a cut-off. */
async function maxStages(): Promise<void> {
  console.log(await readerStage());
  const embedded = await startServeProcess();
  try {
    console.log(maxLine('pubsub_max', await maxRateStage(embedded)));
  } finally {
    await embedded.stop();
  }
  if (process.argv.includes('--embedded-only')) return;
  const external = await startTestRedis();
  const serve = await startServeProcess(['--redis', external.url]);
  try {
    console.log(maxLine('pubsub_max_default_limits', await maxRateStage(serve)));
  } finally {
    await serve.stop();
    await external.stop();
  }
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-max')) await maxStages();
  if (process.argv.includes('--only-max')) return;
  const redis = await startTestRedis();
  const serve = await startServeProcess(['--redis', redis.url]);
  try {
    const figures = await throughputStage(redis.port, serve.apiUrl, serve.proc.pid!);
    await browserStage(redis.port, serve.pageUrl);
    console.log(
      `pubsub: received_per_s=${Math.round(figures.receivedPerSec)} ratio=${figures.ratio.toFixed(3)} ` +
        `delivered_per_s=${Math.round(figures.deliveredPerSec)} silent_loss=${figures.silentLoss}`,
    );
  } finally {
    await serve.stop();
    await redis.stop();
  }
}

async function throughputStage(
  port: number,
  apiUrl: string,
  servePid: number,
): Promise<{ receivedPerSec: number; deliveredPerSec: number; ratio: number; silentLoss: number }> {
  const channel = 'bench:throughput';
  const cli = redisCliSubscriber(port, channel);
  const api = await WsApi.open(apiUrl);
  let delivered = 0;
  let last: PubSubMessagesEvent = { messages: [], received: 0, dropped: 0 };
  api.ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as { event?: string; data: PubSubMessagesEvent };
    if (frame.event !== 'pubsub.messages') return;
    delivered += frame.data.messages.length;
    last = frame.data;
  });
  api.events.length = 0;
  await api.data('pubsub.subscribe', { channels: [channel] });
  const probe = new Redis({ port });
  await waitUntil(async () => {
    const reply = (await probe.call('PUBSUB', 'NUMSUB', channel)) as unknown[];
    return Number(reply[1]) === 2;
  });
  probe.disconnect();

  const cpuBefore = cpuSeconds(servePid);
  const { sent, seconds } = await publish(port, channel, SECONDS);
  // Everything published is either delivered or counted as dropped; wait for both receivers to settle.
  await waitUntil(
    () => cli.count() >= sent && last.received >= sent && delivered + last.dropped >= last.received,
    30_000,
  ).catch(() => undefined);
  cli.stop();
  api.close();
  const cliRate = cli.count() / seconds;
  const deliveredPerSec = delivered / seconds;
  const silentLoss = sent - delivered - last.dropped;
  console.log(`published=${sent} in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)} msg/s)`);
  console.log(`baseline redis-cli subscribe: received=${cli.count()} (${Math.round(cliRate)} msg/s)`);
  console.log(
    `queuedesk: received=${last.received} delivered=${delivered} dropped=${last.dropped} ` +
      `(published − delivered = ${sent - delivered}) delivered_per_s=${Math.round(deliveredPerSec)} ` +
      `host_peak_rss_mb=${peakRssMb(servePid).toFixed(0)} ` +
      `host_cpu_s=${(cpuSeconds(servePid) - cpuBefore).toFixed(1)}`,
  );
  const receivedPerSec = last.received / seconds;
  return { receivedPerSec, deliveredPerSec, ratio: receivedPerSec / cliRate, silentLoss };
}

/** The Pub/Sub page at a paced 50k msg/s: frame-time p95 from requestAnimationFrame, and the counters. */
async function browserStage(port: number, pageUrl: string): Promise<void> {
  const channel = 'bench:browser';
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await openPubSubPage(page, pageUrl, channel);
    await page.evaluate(RECORD_FRAMES);
    const { sent, seconds } = await publish(port, channel, BROWSER_SECONDS, BROWSER_RATE);
    const sorted = (await page.evaluate(TAKE_FRAMES)) as number[];
    const read = async (id: string): Promise<number> =>
      Number((await page.getByTestId(`pubsub-count-${id}`).textContent())?.replace(/,/g, ''));
    await waitUntil(async () => (await read('received')) >= sent, 15_000).catch(() => undefined);
    const [received, delivered, dropped, shown] = await Promise.all(
      ['received', 'delivered', 'dropped', 'shown'].map(read),
    );
    const p95 = percentile(sorted, 0.95);
    const median = percentile(sorted, 0.5);
    console.log(
      `browser at ${Math.round(sent / seconds)} msg/s for ${seconds.toFixed(1)} s: frame_ms median=${median.toFixed(1)} ` +
        `p95=${p95.toFixed(1)} (${sorted.length} frames); counters received=${received} delivered=${delivered} ` +
        `dropped=${dropped} shown=${shown}; exact=${received === sent && delivered + dropped === received}`,
    );
  } finally {
    await browser.close();
  }
}
