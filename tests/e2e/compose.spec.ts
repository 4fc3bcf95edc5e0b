import { expect, screenshot, test } from './fixtures';
import { composeTask, startWorker, stopWorker, uniqueQueue } from './queues-helpers';

test('demo.sleep with 3 attempts: enqueued from the form, seen active then completed live, with result and timings', async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('sleepy');
  const worker = await startWorker(serve.apiUrl, [queue]);
  try {
    await composeTask(app, { queue, task: 'demo.sleep', args: '{"ms": 1500}', attempts: '3' });
    await screenshot(app, 'compose', 'light');
    await screenshot(app, 'compose', 'dark');
    await app.getByTestId('enqueue').click();
    const link = app.getByTestId('open-job');
    await expect(link).toBeVisible();
    await link.click();

    const detail = app.getByTestId('job-detail');
    await expect(app.getByTestId('page-queues')).toBeVisible();
    await expect(detail.getByTestId('state-badge').first()).toHaveText('active');
    await expect(app.getByTestId('count-active')).toHaveText('1');
    await expect(detail.getByTestId('state-badge').first()).toHaveText('completed', { timeout: 15_000 });
    await expect(app.getByTestId('count-completed')).toHaveText('1');
    await expect(detail.getByTestId('job-return')).toContainText('"slept": 1500');
    await expect(detail.getByTestId('job-attempts')).toHaveText('attempt 1 of 3');
    // Ran about 1.5 s; waited a little.
    await expect(detail.getByTestId('job-run')).toHaveText(/^1\.\d\d s$/);
    await expect(detail.getByTestId('job-wait')).toHaveText(/\d+ ms|\d\.\d\d s/);
    await app.getByTestId('tab-completed').click();
    await expect(app.getByTestId('job-row')).toHaveCount(1);
    await screenshot(app, 'queues', 'light');
    await screenshot(app, 'queues', 'dark');
  } finally {
    await stopWorker(worker);
  }
});
