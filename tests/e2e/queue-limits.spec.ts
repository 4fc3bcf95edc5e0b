import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import { openRoute, startWorker, stopWorker, uniqueQueue } from './queues-helpers';

test('a BullMQ queue’s global concurrency and rate limit: edited on the queue view, refused inline when bad, and the queue says until when it is rate-limited', async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('limited');
  const api = await WsApi.open(serve.apiUrl);
  try {
    await api.data('jobs.add', { queue, task: 'demo.echo', args: { n: 1 } });
    await openRoute(app, `#/queues/${queue}`);
    const bar = app.getByTestId('queue-limits');
    await expect(bar.getByTestId('limit-concurrency')).toHaveValue('');

    await bar.getByTestId('limit-concurrency').fill('0');
    await bar.getByTestId('limit-rateMax').fill('1');
    await bar.getByTestId('limits-save').click();
    await expect(bar.getByTestId('limit-error-concurrency')).toHaveText('concurrency: at least 1');
    await expect(bar.getByTestId('limit-error-rateDurationMs')).toHaveText('give the window in ms too');
    expect(await api.data('queues.settings', { queue })).toMatchObject({
      concurrency: null,
      rateLimit: null,
    });

    await bar.getByTestId('limit-concurrency').fill('2');
    await bar.getByTestId('limit-rateDurationMs').fill('60000');
    await bar.getByTestId('limits-save').click();
    await expect(app.getByTestId('toast').filter({ hasText: `${queue}: limits saved` })).toBeVisible();
    expect(await api.data('queues.settings', { queue })).toMatchObject({
      concurrency: 2,
      rateLimit: { max: 1, durationMs: 60_000 },
    });

    // One job per minute: a worker runs the first, then the queue is held back, and says until when.
    await api.data('jobs.add', { queue, task: 'demo.echo', args: { n: 2 } });
    const worker = await startWorker(serve.apiUrl, [queue]);
    try {
      await expect(bar.getByTestId('queue-rate-limited')).toContainText(
        /rate-limited until \S+ \(in \d+ s\)/,
        {
          timeout: 15_000,
        },
      );
      await expect(app.getByTestId('count-completed')).toHaveText('1');
      await screenshot(app, 'queue-limits', 'light');
      await screenshot(app, 'queue-limits', 'dark');
    } finally {
      await stopWorker(worker);
    }

    // Cleared fields remove both limits.
    await bar.getByTestId('limit-concurrency').fill('');
    await bar.getByTestId('limit-rateMax').fill('');
    await bar.getByTestId('limit-rateDurationMs').fill('');
    await bar.getByTestId('limits-save').click();
    await expect(
      app
        .getByTestId('toast')
        .filter({ hasText: `${queue}: limits saved` })
        .last(),
    ).toBeVisible();
    await expect
      .poll(() => api.data('queues.settings', { queue }))
      .toMatchObject({ concurrency: null, rateLimit: null });
  } finally {
    api.close();
  }
});
