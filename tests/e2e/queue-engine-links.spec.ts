import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import { removeCeleryQueue, uniqueQueue } from './queues-helpers';

test('a BullMQ and a Celery queue sharing a name open as themselves, also from their link after a reload', async ({
  app,
  serve,
}) => {
  const api = await WsApi.open(serve.apiUrl);
  const name = uniqueQueue('twin');
  await api.data('jobs.add', { queue: name, task: 'demo.echo', args: ['bull-side'] });
  await api.data('jobs.add', { engine: 'celery', queue: name, task: 'qd.echo', args: ['celery-side'] });
  try {
    await app.getByTestId('nav-queues').click();
    const item = (engine: string) =>
      app.locator(`[data-testid="queue-item"][data-queue="${name}"][data-engine="${engine}"]`);
    await item('celery').click();
    await expect(item('celery')).toHaveClass(/selected/);
    await expect(item('bullmq')).not.toHaveClass(/selected/);
    await expect(app.getByText('["celery-side"]')).toBeVisible();
    await expect(app.getByTestId('queue-pause')).toHaveCount(0); // Celery queues cannot pause
    await screenshot(app, 'twin-queues-celery', 'light');

    await app.reload();
    await expect(app.getByText('["celery-side"]')).toBeVisible();
    await expect(item('celery')).toHaveClass(/selected/);

    await item('bullmq').click();
    await expect(app.getByText('["bull-side"]')).toBeVisible();
    await expect(app.getByTestId('queue-pause')).toBeVisible();
    await expect(app.getByText('["celery-side"]')).toHaveCount(0);
    await screenshot(app, 'twin-queues-bullmq', 'dark');
  } finally {
    await removeCeleryQueue(api, name);
    await api.data('queues.obliterate', { queue: name, force: true, confirm: 1 });
    api.ws.close();
  }
});
