import { expect, screenshot, test } from './fixtures';
import { WsApi } from '../helpers/ws-api';
import { composeTask, enqueueAndOpen, setArgs, startWorker, stopWorker, uniqueQueue } from './queues-helpers';

test('demo.sleep with 3 attempts: enqueued from the form, seen active then completed live, with result and timings', async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('sleepy');
  const worker = await startWorker(serve.apiUrl, [queue]);
  try {
    await composeTask(app, { queue, task: 'demo.sleep', args: '{"ms": 1500}', attempts: '3' });
    await enqueueAndOpen(app, 'compose');

    const detail = app.getByTestId('job-detail');
    await expect(detail.getByTestId('state-badge').first()).toHaveText('active');
    await expect(app.getByTestId('count-active')).toHaveText('1');
    await expect(detail.getByTestId('state-badge').first()).toHaveText('completed', { timeout: 15_000 });
    await expect(app.getByTestId('count-completed')).toHaveText('1');
    await expect(detail.getByTestId('job-return')).toContainText('"slept": 1500');
    await expect(detail.getByTestId('job-attempts')).toHaveText('attempt 1 of 3');
    // Ran about 1.5 s; waited a little.
    await expect(detail.getByTestId('job-run')).toHaveText(/^1\.\d\d s$/);
    await expect(detail.getByTestId('job-wait')).toHaveText(/\d+ ms|\d\.\d\d s/);
    await app.getByTestId('tab-completed').click();
    await expect(app.getByTestId('job-row')).toHaveCount(1);
    await screenshot(app, 'queues', 'light');
    await screenshot(app, 'queues', 'dark');
  } finally {
    await stopWorker(worker);
  }
});

test('bad input shows inline errors and nothing is enqueued', async ({ app, serve }) => {
  const queue = uniqueQueue('never');
  await composeTask(app, { queue, task: 'demo.sleep', args: '{"ms": ' });
  await app.getByTestId('enqueue').click();
  await expect(app.getByTestId('error-argsJson')).toContainText('not valid JSON');

  // Valid JSON that breaks the task's schema is caught too.
  await setArgs(app, 'input-argsJson', '{"ms": "soon"}');
  await app.getByTestId('enqueue').click();
  await expect(app.getByTestId('error-argsJson')).toHaveText('args.ms: expected integer, got string');

  await setArgs(app, 'input-argsJson', '{"ms": 10}');
  await app.getByTestId('input-options.timing').selectOption('delay');
  await app.getByTestId('input-options.delayMs').fill('-5');
  await app.getByTestId('input-queue').fill('bad:queue');
  await app.getByTestId('enqueue').click();
  await expect(app.getByTestId('error-options.delayMs')).toHaveText('delay cannot be negative');
  await expect(app.getByTestId('error-queue')).toContainText('cannot contain ":"');
  await expect(app.getByTestId('error-argsJson')).toHaveCount(0);
  await expect(app.getByTestId('form-invalid')).toBeVisible();
  await screenshot(app, 'compose-errors', 'light');
  await screenshot(app, 'compose-errors', 'dark');
  await expect(app.getByTestId('compose-result')).toHaveCount(0);

  const api = await WsApi.open(serve.apiUrl);
  const queues = await api.data<Array<{ name: string }>>('queues.list', {});
  expect(queues.map((q) => q.name)).not.toContain(queue);
  expect(queues.map((q) => q.name)).not.toContain('bad:queue');
  api.ws.close();
  await app.getByTestId('input-options.timing').selectOption('now');
});

test('templates: save, load, rename and delete, kept by the host', async ({ app }) => {
  const queue = uniqueQueue('tpl');
  await composeTask(app, { queue, task: 'demo.progress', args: '{"steps": 4, "stepMs": 50}', attempts: '4' });
  await app.getByTestId('template-save').click();
  await expect(app.getByTestId('template-error')).toContainText('give the template a name');

  await app.getByTestId('template-name').fill('progress x4');
  await app.getByTestId('template-save').click();
  const row = app.getByTestId('template-row').filter({ hasText: 'progress x4' });
  await expect(row).toContainText(`demo.progress → ${queue}`);

  // Change the form, then load the template back.
  await app.getByTestId('input-task').fill('demo.echo');
  await app.getByTestId('input-options.attempts').fill('');
  await row.getByTestId('template-load').click();
  await expect(app.getByTestId('input-task')).toHaveValue('demo.progress');
  await expect(app.getByTestId('input-options.attempts')).toHaveValue('4');
  await expect(app.getByTestId('input-argsJson').locator('.cm-content')).toHaveText(
    '{"steps": 4, "stepMs": 50}',
  );
  await screenshot(app, 'compose-templates', 'dark');

  // Kept by the host: still there after a reload.
  await app.reload();
  await app.getByTestId('nav-compose').click();
  await row.getByRole('button', { name: 'Rename' }).click();
  await app.getByTestId('template-rename-input').fill('progress four');
  await app.getByTestId('template-rename-input').press('Enter');
  const renamed = app.getByTestId('template-row').filter({ hasText: 'progress four' });
  await expect(renamed).toBeVisible();
  await renamed.getByRole('button', { name: 'Delete' }).click();
  await expect(app.getByTestId('template-row').filter({ hasText: 'progress' })).toHaveCount(0);
});

test('a newcomer enqueues to a queue with no worker, starts one from the hint, and sees the job complete', async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('fresh');
  await composeTask(app, { queue, task: 'demo.echo', args: '{"hello": "world"}' });
  await app.getByTestId('enqueue').click();
  await expect(app.getByTestId('no-worker')).toContainText(`No worker consumes ${queue} yet`);
  await screenshot(app, 'compose-no-worker', 'light');
  await app.getByTestId('start-worker-here').click();
  await expect(app.getByTestId('no-worker')).toHaveCount(0, { timeout: 20_000 });
  await app.getByTestId('open-job').click();
  await expect(app.getByTestId('job-detail').getByTestId('state-badge').first()).toHaveText('completed');
  await expect(app.getByTestId('job-return')).toContainText('"hello": "world"');

  const api = await WsApi.open(serve.apiUrl);
  const workers = await api.data<Array<{ id: string; queues: string[] }>>('workers.list', {});
  for (const w of workers.filter((x) => x.queues.includes(queue)))
    await api.data('workers.stop', { id: w.id });
  api.ws.close();
});

test('demo.progress: the open job shows its progress bar moving and its log lines', async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('progress');
  const worker = await startWorker(serve.apiUrl, [queue]);
  try {
    await composeTask(app, { queue, task: 'demo.progress', args: '{"steps": 8, "stepMs": 400}' });
    await app.getByTestId('enqueue').click();
    await app.getByTestId('open-job').click();
    const detail = app.getByTestId('job-detail');
    // Seen part-way, then at the end.
    await expect(detail.getByTestId('job-progress')).toHaveText(/^(1[0-9]|[2-8][0-9])%$/);
    await screenshot(app, 'queues-progress', 'light');
    await expect(detail.getByTestId('state-badge').first()).toHaveText('completed', { timeout: 15_000 });
    await expect(detail.getByTestId('job-progress')).toHaveText('100%');
    await expect(detail.getByTestId('job-logs')).toContainText('progress 100%');
  } finally {
    await stopWorker(worker);
  }
});
