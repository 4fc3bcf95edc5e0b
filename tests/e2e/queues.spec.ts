import type { Locator } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { startServeProcess } from '../helpers/serve-process';
import { composeTask, setArgs, startWorker, stopWorker, uniqueQueue } from './queues-helpers';

/** Finish times of tree nodes, once every node has one (a node can be drawn a moment before its time). */
async function finishTimes(nodes: Locator): Promise<number[]> {
  const read = (): Promise<number[]> =>
    nodes.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-finished'))));
  await expect.poll(async () => (await read()).every((t) => t > 0)).toBe(true);
  return read();
}

test('demo.fail: failed with its reason, retry fails again, edit and re-enqueue with more attempts completes', async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('flaky');
  const worker = await startWorker(serve.apiUrl, [queue]);
  try {
    await composeTask(app, { queue, task: 'demo.fail', args: '{"failures": 5}', attempts: '2' });
    await app.getByTestId('enqueue').click();
    await app.getByTestId('open-job').click();
    const detail = app.getByTestId('job-detail');
    await expect(detail.getByTestId('state-badge').first()).toHaveText('failed', { timeout: 15_000 });
    await expect(detail.getByTestId('job-failed-reason')).toContainText(
      'demo.fail: attempt 2 of 5 planned failures',
    );
    await expect(detail.getByTestId('job-attempts')).toHaveText('attempt 2 of 2');
    await expect(app.getByTestId('count-failed')).toHaveText('1');
    await screenshot(app, 'queues-failed', 'light');
    await screenshot(app, 'queues-failed', 'dark');

    // Retry as it is: it runs again and fails again (a new finish time, still failed).
    const finishedBefore = await detail.getByTestId('job-finished').textContent();
    await detail.getByTestId('job-retry').click();
    await expect(app.getByTestId('toast').filter({ hasText: /^Job \S+ retried/ })).toBeVisible();
    await expect(detail.getByTestId('job-finished')).not.toHaveText(finishedBefore ?? '', {
      timeout: 15_000,
    });
    await expect(detail.getByTestId('state-badge').first()).toHaveText('failed', { timeout: 15_000 });
    await expect(detail.getByTestId('job-failed-reason')).toContainText('planned failures');
    await expect(detail.getByTestId('job-attempts')).toHaveText('attempt 3 (2 configured, retried by hand)');

    // Edit and re-enqueue: the form comes back filled in; 6 attempts outlast 5 planned failures.
    await detail.getByTestId('job-edit').click();
    await expect(app.getByTestId('page-compose')).toBeVisible();
    await expect(app.getByTestId('input-task')).toHaveValue('demo.fail');
    await expect(app.getByTestId('input-queue')).toHaveValue(queue);
    await expect(app.getByTestId('input-options.attempts')).toHaveValue('2');
    await app.getByTestId('input-options.attempts').fill('6');
    await app.getByTestId('enqueue').click();
    await app.getByTestId('open-job').click();
    await expect(detail.getByTestId('state-badge').first()).toHaveText('completed', { timeout: 20_000 });
    await expect(detail.getByTestId('job-return')).toContainText('"succeededOnAttempt": 6');
  } finally {
    await stopWorker(worker);
  }
});

test('1,000 copies with a progress bar, counts live, metrics, clean completed, obliterate with typed name', async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('bulk');
  await composeTask(app, { queue, task: 'demo.echo', args: '{"n": 1}', copies: '1000' });
  await app.getByTestId('enqueue').click();
  await expect(app.getByTestId('copies-progress')).toContainText('1,000 / 1,000');
  await app.getByTestId('open-job').click();
  await expect(app.getByTestId('count-waiting')).toHaveText('1,000', { timeout: 20_000 });

  // Search by id among the 1,000; pause and resume say so.
  await app.getByTestId('job-search').fill('999');
  await expect(app.getByTestId('jobs-total')).toHaveText('1 match');
  await expect(app.getByTestId('job-row')).toHaveCount(1);
  await app.getByTestId('job-search').fill('');
  await app.getByTestId('queue-pause').click();
  await expect(app.getByTestId('queue-paused')).toBeVisible();
  await app.getByTestId('queue-pause').click();
  await expect(app.getByTestId('queue-paused')).toHaveCount(0);

  // Counts move live once a worker runs.
  const worker = await startWorker(serve.apiUrl, [queue], 50);
  try {
    await expect(app.getByTestId('count-completed')).toHaveText('1,000', { timeout: 30_000 });
    await expect(app.getByTestId('count-waiting')).toHaveText('0');
    await app.getByTestId('view-metrics').click();
    await expect(app.getByTestId('metrics-summary')).toContainText('1,000 jobs finished in the last', {
      timeout: 15_000,
    });
    await screenshot(app, 'queues-metrics', 'light');
    await screenshot(app, 'queues-metrics', 'dark');
    await app.getByTestId('view-jobs').click();

    // Clean: a bad age is refused inline; then all completed go.
    await app.getByTestId('queue-clean').click();
    await app.getByTestId('clean-age').fill('-1');
    await app.getByTestId('clean-submit').click();
    await expect(app.getByTestId('clean-error')).toBeVisible();
    await app.getByTestId('clean-age').fill('0');
    await app.getByTestId('clean-submit').click();
    await expect(app.getByTestId('toast').filter({ hasText: 'Removed 1,000 completed jobs' })).toBeVisible();
    await expect(app.getByTestId('count-completed')).toHaveText('0');
    // The table and the open job follow: the cleaned jobs are gone from both.
    await expect(app.getByTestId('jobs-empty')).toBeVisible();
    await expect(app.getByTestId('job-detail-status')).toContainText('is gone');
  } finally {
    await stopWorker(worker);
  }

  await app.getByTestId('queue-obliterate').click();
  const dialog = app.getByTestId('confirm-dialog');
  await expect(dialog.getByTestId('confirm-ok')).toBeDisabled();
  await dialog.getByTestId('confirm-input').fill('wrong');
  await expect(dialog.getByTestId('confirm-ok')).toBeDisabled();
  await dialog.getByTestId('confirm-input').fill(queue);
  await screenshot(app, 'queues-obliterate', 'dark');
  await dialog.getByTestId('confirm-ok').click();
  await expect(app.locator(`[data-testid="queue-item"][data-queue="${queue}"]`)).toHaveCount(0);
});

test('a chain of 3 steps shows as a tree and completes in order', async ({ app, serve }) => {
  const queue = uniqueQueue('chain');
  const worker = await startWorker(serve.apiUrl, [queue], 5);
  try {
    await app.getByTestId('nav-compose').click();
    await app.getByTestId('kind-chain').click();
    await app.getByTestId('input-queue').fill(queue);
    await app.getByTestId('add-step').click();
    for (let i = 0; i < 3; i++) {
      await app.getByTestId(`input-steps.${i}.task`).fill('demo.sleep');
      await setArgs(app, `input-steps.${i}.argsJson`, `{"ms": ${200 + i * 100}}`);
    }
    await screenshot(app, 'compose-chain', 'light');
    await app.getByTestId('enqueue').click();
    await expect(app.getByTestId('compose-result')).toContainText('Enqueued a chain of 3 jobs');
    await app.getByTestId('open-job').click();

    const tree = app.getByTestId('job-tree');
    const nodes = tree.getByTestId('tree-node');
    await expect(nodes).toHaveCount(3);
    await expect(tree.getByTestId('state-badge').filter({ hasText: 'completed' })).toHaveCount(3, {
      timeout: 20_000,
    });
    // The tree lists the last step first (it waits for the others); finish times fall from top to bottom.
    const finished = await finishTimes(nodes);
    expect(finished[0]).toBeGreaterThanOrEqual(finished[1] as number);
    expect(finished[1]).toBeGreaterThanOrEqual(finished[2] as number);
    await expect(nodes.nth(2)).toContainText('demo.sleep');
    await screenshot(app, 'queues-chain', 'light');
    await screenshot(app, 'queues-chain', 'dark');
  } finally {
    await stopWorker(worker);
  }
});

test('a chord: two steps in parallel, then the callback, shown as a tree', async ({ app, serve }) => {
  const queue = uniqueQueue('chord');
  const worker = await startWorker(serve.apiUrl, [queue], 5);
  try {
    await app.getByTestId('nav-compose').click();
    await app.getByTestId('kind-chord').click();
    await app.getByTestId('input-queue').fill(queue);
    await app.getByTestId('input-steps.0.task').fill('demo.sleep');
    await setArgs(app, 'input-steps.0.argsJson', '{"ms": 300}');
    await app.getByTestId('input-steps.1.task').fill('demo.sleep');
    await setArgs(app, 'input-steps.1.argsJson', '{"ms": 100}');
    await app.getByTestId('input-callback.task').fill('demo.echo');
    await setArgs(app, 'input-callback.argsJson', '{"done": true}');
    await app.getByTestId('enqueue').click();
    await expect(app.getByTestId('compose-result')).toContainText('Enqueued a chord of 3 jobs');
    await app.getByTestId('open-job').click();

    const tree = app.getByTestId('job-tree');
    await expect(tree.getByTestId('tree-node')).toHaveCount(3);
    await expect(tree.getByTestId('state-badge').filter({ hasText: 'completed' })).toHaveCount(3, {
      timeout: 20_000,
    });
    const [root, ...children] = await finishTimes(tree.getByTestId('tree-node'));
    for (const child of children) expect(root).toBeGreaterThanOrEqual(child);
    await expect(app.getByTestId('job-return')).toContainText('"done": true');
  } finally {
    await stopWorker(worker);
  }
});

test('a prefix with no queues shows how to start; a bad prefix is refused inline', async ({ page: app }) => {
  // A Redis of its own: queues other specs leave behind (a Celery queue is listed under any prefix) would fill
  // the list this test needs empty.
  const own = await startServeProcess();
  try {
    await app.goto(own.pageUrl);
    await app.getByTestId('nav-queues').click();
    const prefix = app.getByTestId('queue-prefix');
    await prefix.fill('has space');
    await prefix.press('Enter');
    await expect(app.getByText('a prefix cannot contain spaces or glob characters')).toBeVisible();
    const nothing = uniqueQueue('nothing');
    await prefix.fill(nothing);
    await prefix.press('Enter');
    await expect(app.getByTestId('queues-empty')).toContainText('No queues under');
    await expect(app.getByTestId('queue-item')).toHaveCount(0);
    await expect(app.getByTestId('getting-started')).toBeVisible();
    await screenshot(app, 'queues-empty', 'light');
    await screenshot(app, 'queues-empty', 'dark');
    await prefix.fill('bull');
    await prefix.press('Enter');
    await expect(app.getByTestId('queues-empty').filter({ hasText: nothing })).toHaveCount(0);
  } finally {
    await own.stop();
  }
});

test('delayed and failed jobs: promote one, promote all, drain, remove, retry all failed', async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('later');
  await composeTask(app, { queue, task: 'demo.echo', args: '{"later": true}', copies: '3' });
  await app.getByTestId('input-options.timing').selectOption('delay');
  await app.getByTestId('input-options.delayMs').fill('600000');
  await app.getByTestId('enqueue').click();
  await app.getByTestId('open-job').click();
  await expect(app.getByTestId('count-delayed')).toHaveText('3');
  const detail = app.getByTestId('job-detail');
  await expect(detail.getByTestId('state-badge').first()).toHaveText('delayed');

  await detail.getByTestId('job-promote').click();
  await expect(detail.getByTestId('state-badge').first()).toHaveText('waiting');
  await expect(app.getByTestId('count-delayed')).toHaveText('2');
  await app.getByTestId('queue-promote-all').click();
  await expect(app.getByTestId('toast').filter({ hasText: 'Promoted 2 delayed jobs' })).toBeVisible();
  await expect(app.getByTestId('count-waiting')).toHaveText('3');

  await detail.getByTestId('job-remove').click();
  await app.getByTestId('confirm-ok').click();
  await expect(app.getByTestId('job-detail-status')).toContainText('is gone');
  await expect(app.getByTestId('count-waiting')).toHaveText('2');
  await app.getByTestId('queue-drain').click();
  await expect(app.getByTestId('confirm-dialog')).toContainText('Remove 2 waiting jobs');
  await app.getByTestId('confirm-ok').click();
  await expect(app.getByTestId('count-waiting')).toHaveText('0');

  // Two jobs that fail once with a single attempt; "retry all failed" runs them again and they pass.
  const worker = await startWorker(serve.apiUrl, [queue], 5);
  try {
    await composeTask(app, { queue, task: 'demo.fail', args: '{"failures": 1}', copies: '2' });
    await app.getByTestId('enqueue').click();
    await app.getByTestId('open-job').click();
    await expect(app.getByTestId('count-failed')).toHaveText('2', { timeout: 15_000 });
    await app.getByTestId('queue-retry-all').click();
    await expect(app.getByTestId('toast').filter({ hasText: 'Retrying 2 failed jobs' })).toBeVisible();
    await expect(app.getByTestId('count-failed')).toHaveText('0', { timeout: 15_000 });
    await expect(app.getByTestId('count-completed')).toHaveText('2');
  } finally {
    await stopWorker(worker);
  }
});
