import { Job, Queue, Worker } from 'bullmq';
import { expect, screenshot, test } from './fixtures';
import { redisOf } from './keys-helpers';
import { startWorker, stopWorker, uniqueQueue } from './queues-helpers';

async function openQueue(app: import('@playwright/test').Page, name: string): Promise<void> {
  await app.getByTestId('nav-queues').click();
  await app.getByTestId('queues-rescan').click();
  await app.getByTestId('queue-item').filter({ hasText: name }).click();
}

test('bulk: retry every failed job, then remove them all with the count confirmed', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  const name = uniqueQueue('bulk');
  const connection = { port: Number(redis.options.port), maxRetriesPerRequest: null };
  const q = new Queue(name, { connection });
  const failer = new Worker(name, async () => Promise.reject(new Error('declined')), {
    connection,
    concurrency: 10,
  });
  try {
    await q.addBulk(Array.from({ length: 30 }, (_, i) => ({ name: 'charge', data: { i } })));
    await expect.poll(() => q.getFailedCount(), { timeout: 20_000 }).toBe(30);
    await failer.close();
    await openQueue(app, name);
    await app.getByTestId('tab-failed').click();
    await app.getByTestId('job-check').nth(0).check();
    await app.getByTestId('job-check').nth(1).check();
    await expect(app.getByTestId('bulk-count')).toHaveText('2 selected');
    await app.getByTestId('bulk-select-all').click();
    await expect(app.getByTestId('bulk-count')).toContainText('30 selected');
    await screenshot(app, 'bulk-bar');
    await app.getByTestId('bulk-retry').click();
    await expect(app.getByText('30 of 30 jobs retried')).toBeVisible();
    await expect.poll(() => q.getFailedCount()).toBe(0);
    expect(await q.getWaitingCount()).toBe(30);

    await app.getByTestId('tab-waiting').click();
    await expect(app.getByTestId('jobs-total')).toHaveText('30 waiting');
    await app.getByTestId('jobs-check-shown').check();
    await expect(app.getByTestId('bulk-count')).toHaveText('30 selected');
    await app.getByTestId('bulk-remove').click();
    await expect(app.getByTestId('confirm-dialog')).toContainText('30 waiting jobs');
    await app.getByTestId('confirm-ok').click();
    await expect.poll(() => q.getWaitingCount()).toBe(0);
    await expect(app.getByTestId('jobs-empty')).toBeVisible();
  } finally {
    await failer.close();
    await q.obliterate({ force: true });
    await q.close();
    redis.disconnect();
    ws.ws.close();
  }
});

test("edit a delayed job in place, add a log line, and cancel a running job on QueueDesk's worker", async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  const name = uniqueQueue('edit');
  const q = new Queue(name, { connection: { port: Number(redis.options.port) } });
  try {
    const later = await q.add('invoice', { total: 10 }, { delay: 600_000 });
    await openQueue(app, name);
    await app.getByTestId('tab-delayed').click();
    await app.getByTestId('job-row').first().click();
    await app.getByTestId('job-edit-open').click();
    const data = app.getByTestId('job-edit-data').locator('.cm-content');
    await data.click();
    await app.keyboard.press('ControlOrMeta+a');
    await app.keyboard.press('Delete');
    await data.fill('{"total": 12}');
    await app.getByTestId('job-edit-priority').fill('3');
    await app.getByTestId('job-edit-delay').fill('300');
    await screenshot(app, 'job-edit-in-place');
    await app.getByTestId('job-edit-save').click();
    await expect(app.getByTestId('job-args')).toContainText('"total": 12');
    const seen = await Job.fromId(q, later.id!);
    expect(seen?.data).toEqual({ total: 12 });
    expect(seen?.priority).toBe(3);
    expect(seen?.delay).toBe(300_000);

    await app.getByTestId('job-log-input').fill('checked by hand');
    await app.getByTestId('job-log-add').click();
    await expect(app.getByTestId('job-logs')).toContainText('checked by hand');

    const worker = await startWorker(serve.apiUrl, [name], 1);
    try {
      const long = await q.add('demo.sleep', { ms: 120_000 });
      await app.getByTestId('tab-active').click();
      await app.locator(`[data-testid="job-row"][data-job-id="${long.id}"]`).click();
      await app.getByTestId('job-cancel').click();
      await expect(app.getByTestId('confirm-dialog')).toContainText('abort signal');
      await app.getByTestId('confirm-ok').click();
      await expect(app.getByTestId('job-failed-reason')).toHaveText('cancelled: cancelled from QueueDesk');
      await screenshot(app, 'job-cancelled');
    } finally {
      await stopWorker(worker);
    }
  } finally {
    await q.obliterate({ force: true });
    await q.close();
    redis.disconnect();
    ws.ws.close();
  }
});
