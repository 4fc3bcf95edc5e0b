import { Redis } from 'ioredis';
import { startCeleryWorker } from '../helpers/celery-worker';
import { waitUntil } from '../helpers/process-alive';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import { removeCeleryQueue, setArgs, uniqueQueue } from './queues-helpers';

test('a Celery schedule made in the editor runs on a real worker and is tagged in the list', async ({
  app,
  serve,
}) => {
  const api = await WsApi.open(serve.apiUrl);
  const { url } = await api.data<{ url: string }>('connection.status', {});
  const queue = uniqueQueue('beat-celery');
  const id = `ct-${queue}`;
  const worker = await startCeleryWorker(url, [queue], `beat-${process.pid}@qd`);
  const redis = new Redis(url);
  try {
    await app.getByTestId('nav-processes').click();
    if ((await app.getByTestId('beat-toggle').textContent()) === 'Start beat')
      await app.getByTestId('beat-toggle').click();
    await expect(app.getByTestId('beat-state')).toHaveText('running', { timeout: 20_000 });
    await app.getByTestId('schedule-add').click();
    await app.getByTestId('schedule-id').fill(id);
    await app.getByTestId('schedule-task').fill('qd.echo');
    await app.getByTestId('schedule-queue').fill(queue);
    await expect(app.getByTestId('schedule-kwargs')).toHaveCount(0);
    await app.getByTestId('schedule-engine').selectOption('celery');
    await setArgs(app, 'schedule-args', '[7]');
    await setArgs(app, 'schedule-kwargs', '{"via": "beat"}');
    await app.getByTestId('schedule-everySec').fill('1');
    await screenshot(app, 'schedule-celery-editor', 'light');
    await app.getByTestId('schedule-save').click();

    const row = app.locator(`[data-testid="schedule-row"][data-schedule-id="${id}"]`);
    await expect(row.getByTestId('schedule-engine-tag')).toHaveText('celery');
    await expect(row.getByTestId('schedule-runs')).toHaveText(/^[1-9]/, { timeout: 15_000 });
    // The worker ran a tick: its result is in the backend under the tick's task id.
    const results = async () => {
      const keys = await redis.keys(`celery-task-meta-beat-${id}-*`);
      return Promise.all(keys.map(async (k) => JSON.parse((await redis.get(k)) ?? '{}')));
    };
    await waitUntil(async () => (await results()).some((r) => r.status === 'SUCCESS'), 15_000, 100);
    const done = (await results()).find((r) => r.status === 'SUCCESS');
    expect(done.result).toEqual({ args: [7], kwargs: { via: 'beat' } });
    await screenshot(app, 'schedule-celery-row', 'light');
    await screenshot(app, 'schedule-celery-row', 'dark');
    await row.getByTestId('schedule-remove').click();
    await expect(row).toHaveCount(0);
    await app.getByTestId('beat-toggle').click();
    await expect(app.getByTestId('beat-state')).toHaveText('stopped', { timeout: 20_000 });
  } finally {
    await worker.stop();
    redis.disconnect();
    await removeCeleryQueue(api, queue);
    api.ws.close();
  }
});
