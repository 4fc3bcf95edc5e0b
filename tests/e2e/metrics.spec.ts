import { Queue, Worker, MetricsTime } from 'bullmq';
import { expect, screenshot, test } from './fixtures';
import { redisOf } from './keys-helpers';
import { uniqueQueue } from './queues-helpers';

test('a burst shows per second in the live view and on the queue card; the hour view counts it from BullMQ', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  const name = uniqueQueue('burst');
  const connection = { port: Number(redis.options.port), maxRetriesPerRequest: null };
  const queue = new Queue(name, { connection });
  // An app's own worker with BullMQ's metrics on, removing its jobs on completion: the kept sets stay empty.
  const worker = new Worker(name, async (job) => (job.name === 'bad' ? Promise.reject(new Error('x')) : 1), {
    connection,
    concurrency: 10,
    metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
  });
  try {
    await app.getByTestId('nav-queues').click();
    await queue.addBulk([
      ...Array.from({ length: 300 }, () => ({ name: 'good', data: {}, opts: { removeOnComplete: true } })),
      ...Array.from({ length: 30 }, () => ({ name: 'bad', data: {}, opts: { removeOnFail: true } })),
    ]);
    const item = app.getByTestId('queue-item').filter({ hasText: name });
    await expect(item.getByTestId('sparkline')).toHaveAttribute('data-total', '330', { timeout: 15_000 });
    await item.click();
    await app.getByTestId('view-metrics').click();

    // Active in the last five minutes: the panel opens on the per-second view.
    const panel = app.getByTestId('metrics-panel');
    await expect(panel).toHaveAttribute('data-resolution', '1s');
    await expect(app.getByTestId('metrics-range-5m')).toHaveAttribute('aria-selected', 'true');
    await expect(app.getByTestId('metrics-summary')).toContainText(
      '330 jobs finished in the last 5 minutes (30 failed)',
    );
    await expect(app.getByTestId('metrics-source')).toHaveAttribute('data-source', 'events');
    await expect(panel.locator('canvas').first()).toBeVisible();
    await screenshot(app, 'metrics-live', 'light');
    await screenshot(app, 'metrics-live', 'dark');

    await app.getByTestId('metrics-range-1h').click();
    await expect(panel).toHaveAttribute('data-resolution', '1m');
    await expect(app.getByTestId('metrics-source')).toHaveAttribute('data-source', 'bullmq-metrics');
    await expect(app.getByTestId('metrics-summary')).toContainText('330 jobs finished in the last hour');
    await screenshot(app, 'metrics-hour', 'light');

    await app.getByTestId('metrics-range-24h').click();
    await expect(panel).toHaveAttribute('data-resolution', '1h');
    await expect(app.getByTestId('metrics-summary')).toContainText('330 jobs finished in the last 24 hours');
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    ws.ws.close();
  }
});
