import { Queue } from 'bullmq';
import { expect, screenshot, test } from './fixtures';
import { redisOf } from './keys-helpers';
import { uniqueQueue } from './queues-helpers';

// A BullMQ app's own job schedulers, seen and changed from the Queues panel.
test('job schedulers: listed with their next run, created, edited, run now and removed with undo', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  const name = uniqueQueue('sched');
  const appQueue = new Queue(name, { connection: { port: Number(redis.options.port) } });
  try {
    await appQueue.upsertJobScheduler(
      'hourly-report',
      { pattern: '0 * * * *', tz: 'Europe/Paris' },
      { name: 'report.build', data: { kind: 'sales' } },
    );
    await app.getByTestId('nav-queues').click();
    await app.getByTestId('queues-rescan').click();
    await app.getByTestId('queue-item').filter({ hasText: name }).click();
    await app.getByTestId('view-schedulers').click();
    const row = app.getByTestId('scheduler-row-hourly-report');
    await expect(row).toContainText('report.build');
    await expect(row).toContainText('cron 0 * * * * (Europe/Paris)');
    await expect(app.getByTestId('scheduler-next-hourly-report')).toContainText(/in \d+ min/);

    // Create one from QueueDesk: a bad cron is shown on its field and nothing is saved.
    await app.getByTestId('scheduler-new').click();
    await app.getByTestId('scheduler-id').fill('nightly');
    await app.getByTestId('scheduler-task').fill('cleanup');
    await app.getByTestId('scheduler-kind').selectOption('cron');
    await app.getByTestId('scheduler-cron').fill('61 * * * *');
    await app.getByTestId('scheduler-save').click();
    await expect(app.getByTestId('error-scheduler-cron')).toContainText(/invalid cron/);
    expect(await appQueue.getJobScheduler('nightly')).toBeUndefined();
    await app.getByTestId('scheduler-cron').fill('30 3 * * *');
    await expect(app.getByTestId('error-scheduler-cron')).toHaveCount(0);
    await screenshot(app, 'scheduler-editor');
    await app.getByTestId('scheduler-save').click();
    await expect(app.getByTestId('scheduler-row-nightly')).toContainText('cron 30 3 * * *');
    expect((await appQueue.getJobScheduler('nightly'))?.pattern).toBe('30 3 * * *');

    // Edit the app's own scheduler: the app reads the new interval back.
    await app.getByTestId('scheduler-edit-hourly-report').click();
    await app.getByTestId('scheduler-kind').selectOption('every');
    await app.getByTestId('scheduler-everySec').fill('3600');
    await app.getByTestId('scheduler-save').click();
    await expect(row).toContainText('every 1 h');
    expect((await appQueue.getJobScheduler('hourly-report'))?.every).toBe(3_600_000);
    await screenshot(app, 'schedulers-table');
    await screenshot(app, 'schedulers-table', 'dark');

    // Run now: one ordinary job, the schedule untouched.
    const waitingBefore = await appQueue.getWaitingCount();
    await app.getByTestId('scheduler-run-nightly').click();
    await expect(app.getByTestId('confirm-dialog')).toContainText('schedule, its next run and its run count');
    await app.getByTestId('confirm-ok').click();
    await expect.poll(() => appQueue.getWaitingCount()).toBe(waitingBefore + 1);
    const [manual] = (await appQueue.getWaiting()).filter((j) => j.name === 'cleanup');
    expect(manual?.repeatJobKey).toBeUndefined();

    // Its pending run is marked as the scheduler's in the job list and cannot be removed alone.
    await app.getByTestId('view-jobs').click();
    await app.getByTestId('tab-delayed').click();
    const pending = app.getByTestId('job-row').filter({ hasText: '⟳ nightly' });
    await pending.click();
    await expect(app.getByTestId('job-scheduler-note')).toContainText('scheduler nightly');
    await expect(app.getByTestId('job-remove')).toHaveCount(0);

    // Remove asks first, then offers undo, which puts it back as it was.
    await app.getByTestId('view-schedulers').click();
    await app.getByTestId('scheduler-remove-nightly').click();
    await expect(app.getByTestId('confirm-dialog')).toContainText('future runs stop');
    await app.getByTestId('confirm-ok').click();
    await expect(app.getByTestId('scheduler-row-nightly')).toHaveCount(0);
    expect(await appQueue.getJobScheduler('nightly')).toBeUndefined();
    await app.getByRole('button', { name: 'Undo' }).click();
    await expect(app.getByTestId('scheduler-row-nightly')).toContainText('cron 30 3 * * *');
    expect((await appQueue.getJobScheduler('nightly'))?.pattern).toBe('30 3 * * *');
  } finally {
    await appQueue.obliterate({ force: true });
    await appQueue.close();
    redis.disconnect();
    ws.ws.close();
  }
});
