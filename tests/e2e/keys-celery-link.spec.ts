import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import { openKeys } from './keys-helpers';
import { removeCeleryQueue, uniqueQueue } from './queues-helpers';

test('a Celery message in the key inspector links to its task in the Queues panel', async ({
  app,
  serve,
}) => {
  const api = await WsApi.open(serve.apiUrl);
  const queue = uniqueQueue('keys-celery');
  const { id } = await api.data<{ id: string }>('jobs.add', {
    engine: 'celery',
    queue,
    task: 'qd.echo',
    args: [1],
    kwargs: { from: 'keys' },
  });
  try {
    await openKeys(app);
    await app.getByTestId('keys-pattern').fill(queue);
    await app.getByTestId('scan-start').click();
    await app.locator(`[data-testid="key-row"][data-key="${queue}"]`).click();
    await app.getByTestId('entry-row').first().click();
    const link = app.getByTestId('celery-decoded').getByTestId('celery-open-task');
    await expect(link).toHaveText(`open the task in ${queue}`);
    await screenshot(app, 'keys-celery-link', 'light');
    await link.click();
    await expect(app.getByTestId('page-queues')).toBeVisible();
    const detail = app.getByTestId('job-detail');
    await expect(detail).toContainText('qd.echo');
    await expect(detail).toContainText(id);
    await expect(detail.getByTestId('state-badge').first()).toHaveText('waiting');
    await screenshot(app, 'keys-celery-task', 'light');
  } finally {
    await removeCeleryQueue(api, queue);
    api.ws.close();
  }
});
