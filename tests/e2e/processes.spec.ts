import { resolve } from 'node:path';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';
import { startWorker, stopWorker, uniqueQueue } from './queues-helpers';

test('starts a second worker from the panel, shows its logs, stops it', async ({ app, serve }) => {
  const queue = uniqueQueue('proc');
  const first = await startWorker(serve.apiUrl, [queue], 2);
  try {
    await app.getByTestId('nav-processes').click();
    await expect(app.getByTestId('worker-row')).toHaveCount(1);

    // Bad input first: an inline error and no process started.
    await app.getByTestId('worker-queues').fill('has space:colon');
    await app.getByTestId('worker-concurrency').fill('0');
    await app.getByTestId('worker-start').click();
    await expect(app.getByTestId('error-worker-queues')).toBeVisible();
    await expect(app.getByTestId('error-worker-concurrency')).toHaveText('a whole number from 1 to 1000');
    await expect(app.getByTestId('worker-row')).toHaveCount(1);

    await app.getByTestId('worker-queues').fill(queue);
    await app.getByTestId('worker-concurrency').fill('3');
    await app.getByTestId('worker-start').click();
    const rows = app.getByTestId('worker-row');
    await expect(rows).toHaveCount(2);
    const second = rows.filter({ hasNot: app.locator(`[data-worker-id="${first.id}"]`) }).last();
    const secondId = await second.getAttribute('data-worker-id');
    expect(secondId).not.toBe(first.id);
    const row = app.locator(`[data-testid="worker-row"][data-worker-id="${secondId}"]`);
    await expect(row.getByTestId('worker-state')).toHaveText('running', { timeout: 20_000 });
    await row.getByTestId('worker-logs').click();
    await expect(app.getByTestId('log-process')).toHaveValue(secondId ?? '');
    await expect(app.getByTestId('log-line').filter({ hasText: `consuming ${queue}` })).toBeVisible();
    await screenshot(app, 'processes', 'light');
    await screenshot(app, 'processes', 'dark');

    // Scale in place: the same process runs more jobs at once.
    await row.getByTestId('worker-scale').fill('7');
    await row.getByTestId('worker-scale').press('Enter');
    await expect(
      app.getByTestId('toast').filter({ hasText: `${secondId} now runs 7 at once` }),
    ).toBeVisible();
    await expect(row.getByTestId('worker-scale')).toHaveValue('7');

    await row.getByTestId('worker-stop').click();
    // A stopped worker shows as stopped, then leaves the list; either way it no longer runs.
    await expect(row.getByTestId('worker-state').filter({ hasText: /running|stopping/ })).toHaveCount(0, {
      timeout: 20_000,
    });
    await expect(app.locator(`[data-worker-id="${first.id}"]`).getByTestId('worker-state')).toHaveText(
      'running',
    );
  } finally {
    await stopWorker(first);
  }
});

test('adds an every-2s schedule, shows next runs and runs happening, then disables it', async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('beat');
  const worker = await startWorker(serve.apiUrl, [queue], 2);
  const id = `tick-${queue}`;
  await app.getByTestId('nav-processes').click();
  if ((await app.getByTestId('beat-toggle').textContent()) === 'Start beat')
    await app.getByTestId('beat-toggle').click();
  await expect(app.getByTestId('beat-state')).toHaveText('running', { timeout: 20_000 });

  await app.getByTestId('schedule-add').click();
  // An invalid cron: the preview says why and Save sends nothing.
  await app.getByTestId('schedule-kind').selectOption('cron');
  await app.getByTestId('schedule-cron').fill('61 * * *');
  await expect(app.getByTestId('schedule-trigger-error')).toContainText('cron');
  await app.getByTestId('schedule-id').fill(id);
  await app.getByTestId('schedule-queue').fill(queue);
  await app.getByTestId('schedule-save').click();
  await expect(app.getByTestId('error-schedule-cron')).toBeVisible();
  await expect(app.locator(`[data-schedule-id="${id}"]`)).toHaveCount(0);

  await app.getByTestId('schedule-kind').selectOption('every');
  await app.getByTestId('schedule-everySec').fill('2');
  const preview = app.getByTestId('schedule-preview').locator('li');
  await expect(preview).toHaveCount(5);
  await screenshot(app, 'processes-schedule', 'light');
  await screenshot(app, 'processes-schedule', 'dark');
  await app.getByTestId('schedule-save').click();

  const row = app.locator(`[data-testid="schedule-row"][data-schedule-id="${id}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('schedule-next')).toContainText(/in \d+ s/);
  await expect(row.getByTestId('schedule-runs')).toHaveText(/^[2-9]|\d\d/, { timeout: 15_000 });
  await expect(row.getByTestId('schedule-last')).toContainText('ago');
  await expect(row.getByTestId('schedule-result')).toHaveText('completed', { timeout: 10_000 });
  // QueueDesk's beat runs BullMQ jobs: the link names the engine (a Celery queue may share the name).
  await expect(row.getByTestId('schedule-result')).toHaveAttribute(
    'href',
    new RegExp(`^#/queues/bullmq:${queue}/beat-${id}-`),
  );

  // Edit: the id stays, the trigger changes.
  await row.getByRole('button', { name: 'Edit' }).click();
  await expect(app.getByTestId('schedule-id')).toBeDisabled();
  await app.getByTestId('schedule-everySec').fill('3');
  await app.getByTestId('schedule-save').click();
  await expect(row).toContainText('every 3 s');

  // The box flips at once and stays flipped once the host has saved it (rough-edges.spec.ts checks the rollback).
  await row.getByTestId('schedule-enabled').click();
  await expect(row.getByTestId('schedule-enabled')).not.toBeChecked();
  await expect(row.getByTestId('schedule-next')).toHaveText('disabled');
  const runs = Number(await row.getByTestId('schedule-runs').textContent());
  // Not a synchronisation: a run that does not happen has no event to wait on, so let one 3 s period pass.
  await app.waitForTimeout(4500);
  await expect(row.getByTestId('schedule-runs')).toHaveText(String(runs));
  await row.getByTestId('schedule-remove').click();
  await expect(row).toHaveCount(0);
  await app.getByTestId('beat-toggle').click();
  await expect(app.getByTestId('beat-state')).toHaveText('stopped', { timeout: 20_000 });
  await stopWorker(worker);
});

test('opens the example project: its task module and tasks show, and reload reads it again', async ({
  app,
  serve,
}) => {
  await app.getByTestId('nav-processes').click();
  await app.getByTestId('config-open').click();
  await expect(app.getByTestId('config-error')).toHaveText('give the path of a queuedesk.config file');
  await app.getByTestId('config-path').fill(resolve('resources/example/queuedesk.config.ts'));
  await app.getByTestId('config-open').click();
  await expect(app.getByTestId('module-path')).toContainText('resources/example/tasks');
  await expect(app.getByTestId('module-tasks')).toContainText('report.build');
  await app.getByTestId('module-reload').click();
  await expect(app.getByTestId('toast').filter({ hasText: 'Reloaded' })).toBeVisible();
  await screenshot(app, 'processes-project', 'light');

  // Put the shared serve back as it was: no project, no config schedules.
  const api = await WsApi.open(serve.apiUrl);
  const schedules = await api.data<Array<{ id: string; source: string }>>('beat.list', {});
  for (const s of schedules.filter((x) => x.source === 'config')) await api.data('beat.remove', { id: s.id });
  await api.data('project.close', {});
  api.ws.close();
});
