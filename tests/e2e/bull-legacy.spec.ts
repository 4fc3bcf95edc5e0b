import { startBullApp } from '../helpers/bull-app';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import { uniqueQueue } from './queues-helpers';

test("a legacy Bull app's queue is listed as Bull, and a failed job retried from its detail is re-run by the app", async ({
  app,
  serve,
}) => {
  const api = await WsApi.open(serve.apiUrl);
  const { url } = await api.data<{ url: string }>('connection.status', {});
  const queue = uniqueQueue('video');
  const beside = uniqueQueue('mq');
  await api.data('jobs.add', { queue: beside, task: 'demo.echo', args: ['bullmq-side'] });
  const bull = await startBullApp(url, queue);
  try {
    // QueueDesk opened while the Bull app runs (a queue that appears later is found by the next discovery pass).
    await app.reload();
    await app.getByTestId('nav-queues').click();
    const item = app.locator(`[data-testid="queue-item"][data-queue="${queue}"]`);
    await expect(item).toHaveAttribute('data-engine', 'bull');
    await expect(item.getByTestId('engine-tag')).toHaveText('bull v4');
    await expect(
      app.locator(`[data-testid="queue-item"][data-queue="${beside}"] [data-testid="engine-tag"]`),
    ).toHaveCount(0);
    await item.click();
    // Only Bull's actions: pause, no "Start a worker" (QueueDesk's workers run BullMQ), no schedulers view.
    await expect(app.getByTestId('queue-pause')).toBeVisible();
    await expect(app.getByText('Start a worker')).toHaveCount(0);
    await expect(app.getByTestId('view-schedulers')).toHaveCount(0);
    await expect(app.getByTestId('tab-prioritized')).toHaveCount(0);

    await app.getByTestId('tab-failed').click();
    await app.locator('[data-testid="job-row"][data-job-id="broken"]').click();
    const detail = app.getByTestId('job-detail');
    await expect(detail.getByTestId('state-badge').first()).toHaveText('failed');
    await expect(detail.getByTestId('job-failed-reason')).toContainText(
      'transcoding http://example.com/broken.mov failed',
    );
    await expect(detail.getByTestId('job-cancel')).toHaveCount(0);
    await screenshot(app, 'bull-legacy-failed', 'light');
    await screenshot(app, 'bull-legacy-failed', 'dark');

    await detail.getByTestId('job-retry').click();
    await expect(detail.getByTestId('state-badge').first()).toHaveText('completed', { timeout: 15_000 });
    await expect(detail.getByTestId('job-return')).toContainText('"framerate": 29.5');
    await expect(detail.getByTestId('job-retry')).toHaveCount(0); // Bull retries failed jobs only
    // The live feed (Bull's own global events) brings the counts along.
    await expect(app.getByTestId('tab-failed')).toHaveText(/Failed\s*0/);
    await expect(app.getByTestId('tab-completed')).toHaveText(/Completed\s*2/);
    await screenshot(app, 'bull-legacy-retried', 'light');
  } finally {
    await bull.stop();
    const rows = await api.data<Array<{ name: string; counts: Record<string, number | null> }>>(
      'queues.list',
      { engine: 'bull' },
    );
    const counts = rows.find((r) => r.name === queue)?.counts ?? {};
    const confirm = Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
    await api.data('queues.obliterate', { engine: 'bull', queue, force: true, confirm });
    await api.data('queues.obliterate', { queue: beside, force: true, confirm: 1 });
    api.ws.close();
  }
});
