import { Redis } from 'ioredis';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import { percentile, publishFor, RECORD_FRAMES, TAKE_FRAMES } from '../integration/pubsub/load';

const RATE = 50_000;
const SECONDS = 4;
const IDLE_MS = 2000;

// Frame times are wall-clock: on a machine shared with other heavy jobs one attempt can be starved of CPU. A UI that
// is really too slow misses the budget on every attempt.
test.describe.configure({ retries: 2 });

test('at 50,000 msg/s the page stays smooth and its counters stay exact', async ({ app, serve }) => {
  const api = await WsApi.open(serve.apiUrl);
  const { url } = await api.data<{ url: string }>('connection.status');
  api.close();
  const redis = new Redis(url);

  await app.getByTestId('nav-pubsub').click();
  await app.getByTestId('pubsub-sub-kind').selectOption('channels');
  await app.getByTestId('pubsub-sub-input').fill('load');
  await app.getByTestId('pubsub-sub-add').click();
  await expect(app.getByTestId('pubsub-chips')).toContainText('load');
  await app.getByTestId('pubsub-clear').click();
  await app.evaluate(RECORD_FRAMES);
  await app.waitForTimeout(IDLE_MS);
  const idle = (await app.evaluate(TAKE_FRAMES)) as number[];

  const { sent, seconds } = await publishFor(redis, 'load', SECONDS, RATE, true);
  const frames = (await app.evaluate(TAKE_FRAMES)) as number[];
  const p95 = percentile(frames, 0.95);
  const idleP95 = percentile(idle, 0.95);
  const rate = sent / seconds;
  console.log(
    `frame time p95: ${p95.toFixed(1)} ms at ${Math.round(rate)} msg/s (${frames.length} frames), ` +
      `${idleP95.toFixed(1)} ms idle (${idle.length} frames)`,
  );

  // Only meaningful at the rate under test: a machine too busy to publish that fast fails here, not silently.
  expect(rate).toBeGreaterThan(RATE * 0.8);

  const n = (s: string | null): number => Number(s?.replace(/,/g, ''));
  await expect.poll(async () => n(await app.getByTestId('pubsub-count-received').textContent())).toBe(sent);
  const delivered = n(await app.getByTestId('pubsub-count-delivered').textContent());
  const dropped = n(await app.getByTestId('pubsub-count-dropped').textContent());
  expect(delivered + dropped).toBe(sent);
  await expect(app.getByTestId('pubsub-count-shown')).toHaveText('5,000');
  expect(n(await app.getByTestId('pubsub-count-trimmed').textContent())).toBe(delivered - 5000);
  // Virtualized: a few dozen rows in the DOM, not thousands.
  expect(await app.getByTestId('pubsub-row').count()).toBeLessThan(100);
  // The budget is 50 ms on a machine that draws the idle page on time. On one so busy with other work that even the
  // idle page misses frames, the traffic is held to adding no more than that on top of the idle figure.
  expect(p95).toBeLessThanOrEqual(50 + Math.max(0, idleP95 - 1000 / 60));
  expect(frames.length / SECONDS).toBeGreaterThan((idle.length / (IDLE_MS / 1000)) * 0.5);
  await app.getByTestId('pubsub-row').nth(3).click();
  await screenshot(app, 'pubsub-load', 'light');

  await app.getByTestId('pubsub-chip').filter({ hasText: 'load' }).getByRole('button').click();
  redis.disconnect();
});
