/**
 * Pub/sub at the physical limit: several pipelined redis-benchmark publishers (-P 16, as fast as Redis takes them)
 * for 10 s into a channel QueueDesk (`serve`) subscribes to, with its UI open on the Pub/Sub panel in Chromium.
 * Baselines in the same run: the server's own PUBLISH count (INFO commandstats) for the counts, and the page's
 * frame p95 while the same publishers load the machine on a channel it does not show (what the shared machine
 * costs the page by itself). Goal: received = published, no cut-off, frame p95 ≤ 50 ms. Used by bench/pubsub.ts.
 */
import { Redis } from 'ioredis';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../playwright.config';
import { publishCalls } from '../src/core/pubsub/gap-meter';
import type { PubSubStatus } from '../src/shared/contract';
import {
  benchmarkPublishers,
  percentile,
  RECORD_FRAMES,
  TAKE_FRAMES,
} from '../tests/integration/pubsub/load';
import { waitUntil } from '../tests/helpers/process-alive';
import type { ServeProcess } from '../tests/helpers/serve-process';
import { WsApi } from '../tests/helpers/ws-api';

const SECONDS = 10;
const PUBLISHERS = 3;
const BASELINE_SECONDS = 4;

export interface MaxFigures {
  published: number;
  received: number;
  dropped: number;
  cutOffs: number;
  missedAtMost: number | null;
  frameP95: number;
  /** Frame p95 while the same publishers load the machine but publish to a channel the page does not show. */
  frameP95Unshown: number;
  seconds: number;
}

/** The Pub/Sub page subscribed (through its own form) to `channel`. */
export async function openPubSubPage(page: Page, pageUrl: string, channel: string): Promise<void> {
  await page.goto(pageUrl);
  await page.getByTestId('nav-pubsub').click();
  await page.getByTestId('pubsub-sub-kind').selectOption('channels');
  await page.getByTestId('pubsub-sub-input').fill(channel);
  await page.getByTestId('pubsub-sub-add').click();
  await page.getByTestId('pubsub-chips').getByText(channel).waitFor();
  await page.getByTestId('pubsub-clear').click();
}

async function pubsubStatus(apiUrl: string): Promise<PubSubStatus> {
  const api = await WsApi.open(apiUrl);
  try {
    return await api.data<PubSubStatus>('pubsub.status');
  } finally {
    api.close();
  }
}

/** The publishers for `seconds`; returns how long they ran. */
async function publishFor(port: number, channel: string, seconds: number): Promise<number> {
  const started = performance.now();
  const publishers = benchmarkPublishers(port, channel, PUBLISHERS, 1e9);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  publishers.stop();
  await publishers.done;
  return (performance.now() - started) / 1000;
}

/** Runs the stage against the server `serve` is connected to (its embedded one, or an external URL). */
export async function maxRateStage(serve: ServeProcess): Promise<MaxFigures> {
  const channel = 'bench:max';
  const api = await WsApi.open(serve.apiUrl);
  const { url } = await api.data<{ url: string }>('connection.status');
  api.close();
  const admin = new Redis(url);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await openPubSubPage(page, serve.pageUrl, channel);
    const port = Number(new URL(url).port);
    await page.evaluate(RECORD_FRAMES);
    await publishFor(port, `${channel}:unshown`, BASELINE_SECONDS);
    const unshown = (await page.evaluate(TAKE_FRAMES)) as number[];
    const before = await pubsubStatus(serve.apiUrl);
    // A delta, not CONFIG RESETSTAT: a reset inside a gap would leave its bound unknown.
    const publishedBefore = publishCalls(await admin.info('commandstats'));
    await page.evaluate(RECORD_FRAMES);
    const seconds = await publishFor(port, channel, SECONDS);
    const frames = (await page.evaluate(TAKE_FRAMES)) as number[];
    const published = publishCalls(await admin.info('commandstats')) - publishedBefore;
    // Settled: everything published has arrived, or the subscriber was cut off and nothing more comes.
    let status = before;
    let last = -1;
    await waitUntil(
      async () => {
        status = await pubsubStatus(serve.apiUrl);
        const settled = status.received - before.received >= published || status.received === last;
        last = status.received;
        return settled;
      },
      60_000,
      1000,
    ).catch(() => undefined);
    return {
      published,
      received: status.received - before.received,
      dropped: status.dropped - before.dropped,
      cutOffs: status.cutOffs - before.cutOffs,
      missedAtMost: status.missedAtMost,
      frameP95: percentile(frames, 0.95),
      frameP95Unshown: percentile(unshown, 0.95),
      seconds,
    };
  } finally {
    await browser.close();
    admin.disconnect();
  }
}

export function maxLine(label: string, f: MaxFigures): string {
  return (
    `${label}: published=${f.published} received=${f.received} dropped=${f.dropped} cut_off=${f.cutOffs} ` +
    `ui_frame_p95_ms=${f.frameP95.toFixed(1)}` +
    ` (${Math.round(f.published / f.seconds)} msg/s for ${f.seconds.toFixed(1)} s; frame p95 with the same ` +
    `publishers on a channel not shown: ${f.frameP95Unshown.toFixed(1)} ms` +
    (f.cutOffs > 0 ? `, missed_at_most=${f.missedAtMost ?? 'unknown'})` : ')')
  );
}
