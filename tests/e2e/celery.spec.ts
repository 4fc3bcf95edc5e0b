import { startCeleryWorker } from '../helpers/celery-worker';
import { waitUntil } from '../helpers/process-alive';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import { uniqueQueue } from './queues-helpers';

interface Detail {
  state: string;
}

test('Celery queues are listed by engine; a task shows its message, result and exception', async ({
  app,
  serve,
}) => {
  const api = await WsApi.open(serve.apiUrl);
  const { url } = await api.data<{ url: string }>('connection.status', {});
  const run = uniqueQueue('celery-run');
  const wait = uniqueQueue('celery-wait');
  const add = (queue: string, task: string, args: unknown[], kwargs?: Record<string, unknown>) =>
    api.data<{ id: string }>('jobs.add', {
      engine: 'celery',
      queue,
      task,
      args,
      ...(kwargs ? { kwargs } : {}),
    });
  const ok = await add(run, 'qd.add', [2, 3]);
  const bad = await add(run, 'qd.fail', ['ui boom']);
  await add(wait, 'qd.echo', [1, 'two'], { three: 3 });
  const worker = await startCeleryWorker(url, [run], `ui-${process.pid}@qd`);
  try {
    const done = async (id: string) =>
      ['completed', 'failed'].includes(
        (await api.data<Detail>('jobs.get', { engine: 'celery', queue: run, id })).state,
      );
    await waitUntil(async () => (await done(ok.id)) && (await done(bad.id)), 20_000, 50);
  } finally {
    await worker.stop();
  }

  try {
    // A job link, as the Queues panel writes it into the URL.
    const openJob = (queue: string, id: string) =>
      app.evaluate((hash) => {
        (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
      }, `#/queues/${queue}/${id}`);
    await app.getByTestId('nav-queues').click();
    const waiting = app.locator(`[data-testid="queue-item"][data-queue="${wait}"]`);
    await expect(waiting.getByTestId('engine-tag')).toHaveText('celery');
    await waiting.click();
    await expect(app.getByTestId('count-waiting')).toHaveText('1');
    await expect(app.getByTestId('tab-completed')).toHaveCount(0);
    await expect(app.getByTestId('queue-pause')).toHaveCount(0);
    await expect(app.getByText('[1,"two"] {"three":3}')).toBeVisible();
    await screenshot(app, 'celery-queue', 'light');

    await openJob(run, ok.id);
    const detail = app.getByTestId('job-detail');
    await expect(detail.getByTestId('celery-status')).toHaveText('SUCCESS');
    await expect(detail.getByTestId('job-return')).toHaveText('5');
    await screenshot(app, 'celery-success', 'light');

    await openJob(run, bad.id);
    await expect(detail.getByTestId('celery-status')).toHaveText('FAILURE');
    await expect(detail.getByTestId('celery-exception')).toHaveText('builtins.ValueError: ui boom');
    await expect(detail.getByTestId('job-retry')).toBeVisible();
    await expect(detail.getByTestId('job-remove')).toHaveCount(0);
    await screenshot(app, 'celery-failure', 'light');
    await screenshot(app, 'celery-failure', 'dark');
  } finally {
    // Celery queues have no key prefix: left behind, they would show under every prefix of later tests.
    for (const queue of [run, wait]) {
      const rows = await api.data<Array<{ name: string; counts: { waiting: number } }>>('queues.list', {
        engine: 'celery',
      });
      const confirm = rows.find((r) => r.name === queue)?.counts.waiting ?? 0;
      await api.data('queues.obliterate', { engine: 'celery', queue, confirm, force: true });
    }
  }
  api.ws.close();
});
