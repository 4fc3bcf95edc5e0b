import { startCeleryWorker, type CeleryWorker } from '../helpers/celery-worker';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';

let redis: TestRedis;
let worker: CeleryWorker;
const QUEUE = 'history-q';

test.beforeAll(async () => {
  redis = await startTestRedis();
  worker = await startCeleryWorker(redis.url, [QUEUE], `history-${process.pid}@qd`);
});
test.afterAll(async () => {
  await worker?.stop();
  await redis?.stop();
});

/** Opens the Celery queue's view on a serve process and returns its Recent tasks card. */
async function openQueue(page: import('@playwright/test').Page, serve: ServeProcess) {
  await page.goto(`${serve.pageUrl}#/queues/celery:${QUEUE}`);
  return page.getByTestId('celery-history');
}

test("a Celery queue's task events are still listed after QueueDesk restarts, merged with new ones", async ({
  page,
}) => {
  const first = await startServeProcess(['--redis', redis.url]);
  const api = await WsApi.open(first.apiUrl);
  const history = await openQueue(page, first);
  // Shown once the queue list answered, which starts the event feed: events from now on are seen.
  await expect(history.getByTestId('celery-history-note')).toBeVisible();
  const ok = await api.data<{ id: string }>('jobs.add', {
    engine: 'celery',
    queue: QUEUE,
    task: 'qd.add',
    args: [20, 22],
  });
  const bad = await api.data<{ id: string }>('jobs.add', {
    engine: 'celery',
    queue: QUEUE,
    task: 'qd.fail',
    args: ['no luck'],
  });
  api.ws.close();
  const row = (id: string) => history.locator(`[data-testid="history-row"][data-id="${id}"]`);
  // Live events first: the tasks run while this view is open.
  await expect(row(ok.id)).toHaveAttribute('data-kind', 'completed', { timeout: 20_000 });
  await expect(row(bad.id)).toHaveAttribute('data-kind', 'failed', { timeout: 20_000 });
  await expect(row(ok.id)).toContainText('qd.add');
  await expect(row(bad.id)).toContainText("ValueError('no luck')");
  await first.stop();

  // A new serve process on the same Redis: it saw none of those events, yet lists them from the history.
  const second = await startServeProcess(['--redis', redis.url]);
  try {
    const again = await openQueue(page, second);
    await expect(again.locator(`[data-testid="history-row"][data-id="${ok.id}"]`)).toHaveAttribute(
      'data-kind',
      'completed',
    );
    await expect(again.locator(`[data-testid="history-row"][data-id="${bad.id}"]`)).toHaveAttribute(
      'data-kind',
      'failed',
    );
    await expect(page.getByTestId('celery-history-note')).toContainText('2 tasks from');
    // New events join the stored ones.
    const api2 = await WsApi.open(second.apiUrl);
    const late = await api2.data<{ id: string }>('jobs.add', {
      engine: 'celery',
      queue: QUEUE,
      task: 'qd.add',
      args: [1, 1],
    });
    api2.ws.close();
    await expect(again.locator(`[data-testid="history-row"][data-id="${late.id}"]`)).toHaveAttribute(
      'data-kind',
      'completed',
      { timeout: 20_000 },
    );
    await expect(again.getByTestId('history-row')).toHaveCount(3);
    // The queue card counts the worker from remote control (unknown, "—", until it answered).
    await expect(
      page.locator(`[data-testid="queue-item"][data-queue="${QUEUE}"]`).getByTestId('queue-workers'),
    ).toHaveText('1 worker', { timeout: 15_000 });
    await expect(page.getByTestId('celery-worker')).toHaveCount(1, { timeout: 10_000 });
    await screenshot(page, 'celery-history-after-restart', 'light');
    await screenshot(page, 'celery-history-after-restart', 'dark');
  } finally {
    await second.stop();
  }
});
