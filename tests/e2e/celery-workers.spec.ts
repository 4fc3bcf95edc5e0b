import { startCeleryWorker } from '../helpers/celery-worker';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import { removeCeleryQueue, uniqueQueue } from './queues-helpers';

test("a Celery worker's pool grows and shrinks from its row, and a task rate limit is set, by remote control", async ({
  app,
  serve,
}) => {
  const api = await WsApi.open(serve.apiUrl);
  const { url } = await api.data<{ url: string }>('connection.status', {});
  const queue = uniqueQueue('celery-pool');
  await api.data('jobs.add', { engine: 'celery', queue, task: 'qd.add', args: [1, 2] });
  const worker = await startCeleryWorker(url, [queue], `pool-${process.pid}@qd`);
  try {
    await app.getByTestId('nav-queues').click();
    await app.locator(`[data-testid="queue-item"][data-queue="${queue}"][data-engine="celery"]`).click();
    const row = app.locator(`[data-testid="celery-worker"][data-hostname="${worker.node}"]`);
    await expect(row.getByTestId('celery-concurrency')).toHaveText('2', { timeout: 10_000 });
    await row.getByTestId('pool-grow').click();
    await expect(app.getByTestId('celery-workers-note')).toHaveText(`${worker.node}: pool will grow`);
    await expect(row.getByTestId('celery-concurrency')).toHaveText('3', { timeout: 10_000 });
    await row.getByTestId('pool-shrink').click();
    await expect(app.getByTestId('celery-workers-note')).toHaveText(`${worker.node}: pool will shrink`);
    await expect(row.getByTestId('celery-concurrency')).toHaveText('2', { timeout: 10_000 });

    await app.getByTestId('rate-task').fill('qd.add');
    await app.getByTestId('rate-value').fill('10/m');
    await app.getByTestId('rate-set').click();
    await expect(app.getByTestId('celery-workers-note')).toContainText('new rate limit set successfully');
    await screenshot(app, 'celery-workers', 'light');
    await app.getByTestId('rate-value').fill('fast');
    await app.getByTestId('rate-set').click();
    await expect(app.getByTestId('celery-workers-note')).toHaveClass(/error-text/);
    await screenshot(app, 'celery-workers', 'dark');
  } finally {
    await worker.stop();
    await removeCeleryQueue(api, queue);
    api.ws.close();
  }
});
