import { WsApi } from '../helpers/ws-api';
import { expect, test } from './fixtures';
import { removeCeleryQueue, startWorker, stopWorker, uniqueQueue } from './queues-helpers';

test("a worker's current job links to it as a BullMQ job, even beside a Celery queue of the same name", async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('proc-link');
  const api = await WsApi.open(serve.apiUrl);
  await api.data('jobs.add', { engine: 'celery', queue, task: 'qd.add', args: [1, 1] });
  const worker = await startWorker(serve.apiUrl, [queue], 1);
  try {
    const { id } = await api.data<{ id: string }>('jobs.add', {
      queue,
      task: 'demo.sleep',
      args: { ms: 10_000 }, // running while the link is read; a stop waits for it
    });
    await app.getByTestId('nav-processes').click();
    const link = app.locator(`[data-worker-id="${worker.id}"] a.current-job`);
    await expect(link).toHaveAttribute('href', `#/queues/bullmq:${queue}/${id}`, { timeout: 15_000 });
    await link.click();
    const item = (engine: string) =>
      app.locator(`[data-testid="queue-item"][data-queue="${queue}"][data-engine="${engine}"]`);
    await expect(item('bullmq')).toHaveClass(/selected/);
    await expect(item('celery')).not.toHaveClass(/selected/);
    await expect(app.getByTestId('job-detail')).toContainText('demo.sleep');
  } finally {
    await stopWorker(worker);
    await api.data('queues.obliterate', { queue, force: true, confirm: 1 });
    await removeCeleryQueue(api, queue);
    api.ws.close();
  }
});
