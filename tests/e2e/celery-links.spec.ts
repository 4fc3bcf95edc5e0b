import { startCeleryWorker } from '../helpers/celery-worker';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import { removeCeleryQueue, setArgs, uniqueQueue } from './queues-helpers';

/**
 * Links to Celery jobs name the engine, so they open the Celery task even where a BullMQ queue has the same
 * name: a chain's steps in the job tree, and Compose's "Enqueued" card.
 */
test("a Celery chain's steps open as Celery jobs from the job tree, and Compose's link opens the Celery task", async ({
  app,
  serve,
}) => {
  const api = await WsApi.open(serve.apiUrl);
  const { url } = await api.data<{ url: string }>('connection.status', {});
  const queue = uniqueQueue('celery-links');
  // The BullMQ twin: a link without the engine could open this one.
  await api.data('jobs.add', { queue, task: 'demo.echo', args: ['bull-side'] });
  const worker = await startCeleryWorker(url, [queue], `links-${process.pid}@qd`);
  const item = (engine: string) =>
    app.locator(`[data-testid="queue-item"][data-queue="${queue}"][data-engine="${engine}"]`);
  try {
    const chain = await api.data<{ rootId: string; jobs: Array<{ id: string }> }>('flows.add', {
      engine: 'celery',
      queue,
      kind: 'chain',
      steps: [
        { task: 'qd.add', args: [1, 2] },
        { task: 'qd.add', args: [10] },
        { task: 'qd.add', args: [100] },
      ],
    });
    const [first, second, third] = chain.jobs.map((j) => j.id);
    await app.goto(`${serve.pageUrl}#/queues/celery:${queue}/${first}`);
    const detail = app.getByTestId('job-detail');
    await expect(detail.getByTestId('celery-status')).toHaveText('SUCCESS', { timeout: 20_000 });
    const tree = detail.getByTestId('job-tree');
    // The whole chain below its first step, each step's state read from Celery.
    await expect(tree.getByTestId('tree-node')).toHaveCount(3, { timeout: 20_000 });
    await expect(tree.getByTestId('state-badge')).toHaveText(['completed', 'completed', 'completed'], {
      timeout: 20_000,
    });
    await screenshot(app, 'celery-chain-tree', 'light');
    await tree.getByTestId('tree-link').first().click();
    await expect(app).toHaveURL(new RegExp(`#/queues/celery:${queue}/${second}$`));
    await expect(item('celery')).toHaveClass(/selected/);
    await expect(item('bullmq')).not.toHaveClass(/selected/);
    await expect(detail.getByTestId('job-return')).toContainText('13');
    await expect(
      detail.getByTestId('job-tree').getByRole('link', { name: `${queue}/${first}` }),
    ).toBeVisible();
    await screenshot(app, 'celery-chain-step', 'dark');
    expect(third).toBeTruthy();

    // Compose's card links to the Celery task it sent, not to the BullMQ queue of the same name.
    await app.getByTestId('nav-compose').click();
    await app.getByTestId('kind-single').click();
    await app.getByTestId('input-queue').fill(queue);
    await app.getByTestId('input-engine').selectOption('celery');
    await app.getByTestId('input-task').fill('qd.add');
    await setArgs(app, 'input-argsJson', '[4, 5]');
    await app.getByTestId('input-copies').fill('1');
    await app.getByTestId('enqueue').click();
    const link = app.getByTestId('open-job');
    await expect(link).toHaveAttribute('href', new RegExp(`^#/queues/celery:${queue}/`));
    await link.click();
    await expect(item('celery')).toHaveClass(/selected/);
    await expect(item('bullmq')).not.toHaveClass(/selected/);
    await expect(detail.getByTestId('job-return')).toContainText('9', { timeout: 20_000 });
  } finally {
    await worker.stop();
    await removeCeleryQueue(api, queue);
    await api.data('queues.obliterate', { queue, force: true, confirm: 1 });
    api.ws.close();
  }
});
