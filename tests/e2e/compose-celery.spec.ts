import { startCeleryWorker } from '../helpers/celery-worker';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import { enqueueAndOpen, removeCeleryQueue, setArgs, uniqueQueue } from './queues-helpers';

test('Compose sends a Celery task with kwargs and Celery options; it ends SUCCESS in the Queues panel', async ({
  app,
  serve,
}) => {
  const api = await WsApi.open(serve.apiUrl);
  const { url } = await api.data<{ url: string }>('connection.status', {});
  const queue = uniqueQueue('compose-celery');
  const worker = await startCeleryWorker(url, [queue], `compose-${process.pid}@qd`);
  try {
    await app.getByTestId('nav-compose').click();
    await app.getByTestId('kind-single').click();
    await app.getByTestId('input-queue').fill(queue);
    await app.getByTestId('input-engine').selectOption('celery');
    // BullMQ-only options give way to Celery's.
    await expect(app.getByTestId('input-options.attempts')).toHaveCount(0);
    await expect(app.getByTestId('input-options.timeLimitSec')).toBeVisible();
    // The task picker offers what the queue's worker registered.
    await expect(app.locator('#tasks-task option[value="qd.echo"]')).toHaveCount(1, { timeout: 10_000 });
    await app.getByTestId('input-task').fill('qd.echo');
    await setArgs(app, 'input-argsJson', '[1, "two"]');
    await setArgs(app, 'input-kwargsJson', '{"who": "compose"}');
    await app.getByTestId('input-options.priority').fill('4');
    await app.getByTestId('input-options.softTimeLimitSec').fill('30');
    await app.getByTestId('input-options.timeLimitSec').fill('60');
    await app.getByTestId('input-options.expiresMs').fill('600000');
    await app.getByTestId('input-copies').fill('1');
    await enqueueAndOpen(app, 'compose-celery');

    const detail = app.getByTestId('job-detail');
    await expect(detail.getByTestId('celery-status')).toHaveText('SUCCESS', { timeout: 20_000 });
    await expect(detail.getByTestId('job-return')).toContainText('"who": "compose"');
    await expect(detail.getByTestId('job-return')).toContainText('"two"');
    await screenshot(app, 'compose-celery-success', 'light');

    // Bad kwargs are caught in the form; nothing is sent.
    await app.getByTestId('nav-compose').click();
    await setArgs(app, 'input-kwargsJson', '[1]');
    await app.getByTestId('enqueue').click();
    await expect(app.getByTestId('error-kwargsJson')).toContainText('JSON object');
  } finally {
    await worker.stop();
    await removeCeleryQueue(api, queue);
    api.ws.close();
  }
});
