import type { Page, WebSocketRoute } from '@playwright/test';
import { WsApi } from '../helpers/ws-api';
import { writeProject } from '../integration/commands/helpers';
import { CHROMIUM_LAUNCH } from '../../playwright.config';
import { expect, screenshot, test } from './fixtures';
import { composeTask, openRoute, setArgs, startWorker, stopWorker, uniqueQueue } from './queues-helpers';

// Real scrollbars (Playwright hides them by default), so a header offset by the scrollbar's width shows.
test.use({ launchOptions: { ...CHROMIUM_LAUNCH, ignoreDefaultArgs: ['--hide-scrollbars'] } });

const openJob = (app: Page, queue: string, id: string): Promise<void> =>
  openRoute(app, `#/queues/${queue}/${id}`);

test('a job retried by hand after its configured attempts: worded, timed from the retry, toast true to its state', async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('retried');
  const worker = await startWorker(serve.apiUrl, [queue]);
  try {
    // Three planned failures with 1 s back-off: the job is over 2 s old by the time it has failed for good.
    const { id } = await worker.api.data<{ id: string }>('jobs.add', {
      queue,
      task: 'demo.fail',
      args: { failures: 3 },
      options: { attempts: 3, backoff: { type: 'fixed', delayMs: 1000 } },
    });
    await openJob(app, queue, id);
    const detail = app.getByTestId('job-detail');
    await expect(detail.getByTestId('state-badge').first()).toHaveText('failed', { timeout: 15_000 });
    await expect(detail.getByTestId('job-attempts')).toHaveText('attempt 3 of 3');

    await detail.getByTestId('job-retry').click();
    const toast = app.getByTestId('toast').filter({ hasText: `Job ${id} retried` });
    await expect(toast).toBeVisible();
    await expect(app.getByTestId('toast').filter({ hasText: 'waiting again' })).toHaveCount(0);
    await expect(detail.getByTestId('state-badge').first()).toHaveText('completed');
    await expect(detail.getByTestId('job-attempts')).toHaveText('attempt 4 (3 configured, retried by hand)');
    await expect(detail.getByTestId('job-retried')).toBeVisible();
    // From the retry to the start, not from the creation (which was seconds before).
    const waited = (await detail.getByTestId('job-wait').textContent()) ?? '';
    expect(waited).toMatch(/^\d+ ms$/);
    expect(parseInt(waited, 10)).toBeLessThan(1000);
    await screenshot(app, 'rough-retried', 'light');
    await screenshot(app, 'rough-retried', 'dark');
  } finally {
    await stopWorker(worker);
  }
});

test('Compose: a blank Attempts sets no attempts option; errors clear on the fix; a new submit replaces the old card', async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('blank');
  await composeTask(app, { queue, task: 'demo.echo', args: '{"a": 1}' });
  await app.getByTestId('enqueue').click();
  await expect(app.getByTestId('compose-result')).toContainText('Enqueued job');
  const href = (await app.getByTestId('open-job').getAttribute('href')) ?? '';
  const id = decodeURIComponent(href.split('/').at(-1) ?? '');
  const api = await WsApi.open(serve.apiUrl);
  try {
    const job = await api.data<{ options: Record<string, unknown> }>('jobs.get', { queue, id });
    expect(job.options).not.toHaveProperty('attempts');
  } finally {
    api.close();
  }

  // A bad field: nothing is sent, and the old "Enqueued" card goes.
  await app.getByTestId('input-options.attempts').fill('0');
  await app.getByTestId('enqueue').click();
  await expect(app.getByTestId('error-options.attempts')).toHaveText('attempts must be at least 1');
  await expect(app.getByTestId('form-invalid')).toBeVisible();
  await expect(app.getByTestId('compose-result')).toHaveCount(0);
  await screenshot(app, 'rough-compose-invalid', 'light');

  // Fixing the field clears its error without another submit; other errors stay until they are fixed too.
  await setArgs(app, 'input-argsJson', '{"a": ');
  await expect(app.getByTestId('error-argsJson')).toContainText('not valid JSON');
  await app.getByTestId('input-options.attempts').fill('2');
  await expect(app.getByTestId('error-options.attempts')).toHaveCount(0);
  await expect(app.getByTestId('error-argsJson')).toContainText('not valid JSON');
  await setArgs(app, 'input-argsJson', '{"a": 2}');
  await expect(app.getByTestId('error-argsJson')).toHaveCount(0);
  await expect(app.getByTestId('form-invalid')).toHaveCount(0);
});

/** Proxies the page's API socket; beat.enable calls and beat.changed events can be held back, each kind apart. */
async function holdBeatTraffic(app: Page): Promise<{ hold(kind: 'calls' | 'events', on: boolean): void }> {
  const holding = { calls: false, events: false };
  const held = { calls: [] as Array<() => void>, events: [] as Array<() => void> };
  const pass = (kind: 'calls' | 'events', marker: string, m: string | Buffer, send: () => void): void => {
    if (holding[kind] && typeof m === 'string' && m.includes(marker)) held[kind].push(send);
    else send();
  };
  await app.routeWebSocket(/\/api\?token=/, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => pass('calls', '"beat.enable"', m, () => server.send(m)));
    server.onMessage((m) => pass('events', '"beat.changed"', m, () => ws.send(m)));
  });
  await app.reload();
  return {
    hold(kind, on) {
      holding[kind] = on;
      if (!on) for (const send of held[kind].splice(0)) send();
    },
  };
}

test('beat: the Result follows the job to completed, the last run is never "in", the On switch moves at once', async ({
  app,
  serve,
}) => {
  const traffic = await holdBeatTraffic(app);
  const queue = uniqueQueue('beatres');
  const worker = await startWorker(serve.apiUrl, [queue], 1);
  const api = worker.api;
  const id = `once-${queue}`;
  const hourly = `hourly-${queue}`;
  try {
    await app.getByTestId('nav-processes').click();
    await api.data('beat.start');
    await expect(app.getByTestId('beat-state')).toHaveText('running', { timeout: 20_000 });
    // Fires once, a moment from now; its job runs 1.5 s.
    await api.data('beat.add', {
      id,
      task: 'demo.sleep',
      queue,
      args: { ms: 1500 },
      trigger: { at: new Date(Date.now() + 1000).toISOString() },
    });
    const row = app.locator(`[data-testid="schedule-row"][data-schedule-id="${id}"]`);
    await expect(row.getByTestId('schedule-runs')).toHaveText('1', { timeout: 15_000 });
    await expect(row.getByTestId('schedule-result')).toHaveText(/waiting|active/);
    await expect(row.getByTestId('schedule-result')).toHaveText('completed', { timeout: 15_000 });
    await expect(row.getByTestId('schedule-last')).not.toContainText('(in ');
    await expect(row.getByTestId('schedule-last')).toContainText(/just now|\d+ s ago/);
    await screenshot(app, 'rough-beat', 'light');

    // The switch moves before the server answers… (a schedule that will not fire during the test)
    await api.data('beat.add', {
      id: hourly,
      task: 'demo.echo',
      queue,
      args: {},
      trigger: { every: 3_600_000 },
    });
    const hourlyRow = app.locator(`[data-testid="schedule-row"][data-schedule-id="${hourly}"]`);
    const on = hourlyRow.getByTestId('schedule-enabled');
    await expect(on).toBeChecked();
    traffic.hold('calls', true);
    await on.click();
    await expect(on).not.toBeChecked();
    traffic.hold('calls', false);
    await expect(app.getByTestId('toast').filter({ hasText: `${hourly} disabled` })).toBeVisible();
    await expect(on).not.toBeChecked();

    // …and goes back, with the error, when the server refuses: the schedule was removed meanwhile (the removal's
    // own event is held back so the row stays on screen to be looked at).
    traffic.hold('calls', true);
    traffic.hold('events', true);
    await on.click();
    await expect(on).toBeChecked();
    await api.data('beat.remove', { id: hourly });
    traffic.hold('calls', false);
    await expect(
      app.getByTestId('toast').filter({ hasText: `Could not enable ${hourly}: no schedule "${hourly}"` }),
    ).toBeVisible();
    await expect(on).not.toBeChecked();
    await screenshot(app, 'rough-beat-refused', 'light');
    traffic.hold('events', false);
    await expect(hourlyRow).toHaveCount(0);
  } finally {
    traffic.hold('calls', false);
    traffic.hold('events', false);
    await api.call('beat.remove', { id });
    await api.call('beat.remove', { id: hourly });
    await api.data('beat.stop');
    await stopWorker(worker);
  }
});

test('the job table keeps its header over its columns with a scrollbar, and Task/Args stay readable beside the detail', async ({
  app,
  serve,
}) => {
  const queue = uniqueQueue('table');
  const api = await WsApi.open(serve.apiUrl);
  try {
    await api.data('jobs.addCopies', {
      queue,
      task: 'demo.progress',
      argsJson: '{"steps": 3, "stepMs": 10}',
      count: 60,
      opId: 'rough-table',
    });
    const { id } = await api.data<{ id: string }>('jobs.add', { queue, task: 'demo.progress', args: {} });
    await openJob(app, queue, id);
    await expect(app.getByTestId('job-detail')).toBeVisible();
    const scroller = app.getByTestId('job-table');
    await expect(app.getByTestId('job-row').first()).toBeVisible();
    const gutter = await scroller.evaluate((el) => el.offsetWidth - el.clientWidth);
    expect(gutter).toBeGreaterThan(0); // a real scrollbar takes room
    expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true); // never sideways

    const rights = (sel: string): Promise<number[]> =>
      app
        .locator(sel)
        .first()
        .locator('> span')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));
    expect(await rights('.job-row.head')).toEqual(await rights('[data-testid="job-row"]'));

    const task = app.getByTestId('job-row').first().locator('> span').nth(1);
    await expect(task).toHaveText('demo.progress');
    expect(await task.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const args = app.getByTestId('job-row').first().locator('> span').nth(2);
    expect(await args.evaluate((el) => el.clientWidth)).toBeGreaterThanOrEqual(120);
    await screenshot(app, 'rough-table', 'light');
    await screenshot(app, 'rough-table', 'dark');
  } finally {
    api.close();
  }
});

test('a long process log line wraps inside the panel', async ({ app, serve }) => {
  const long = `long-line ${'0123456789abcdef'.repeat(40)} end-of-line`;
  const api = await WsApi.open(serve.apiUrl);
  await api.data('project.open', {
    configPath: writeProject([{ id: 'talker', command: ['sh', '-c', `echo ${long}; exec sleep 30`] }]),
  });
  try {
    await app.getByTestId('nav-processes').click();
    const row = app.locator('[data-testid="command-row"][data-command-id="talker"]');
    await row.getByTestId('command-start').click();
    await row.getByTestId('command-logs').click();
    const line = app.getByTestId('log-line').filter({ hasText: 'end-of-line' });
    await expect(line).toBeVisible();
    const panel = await app.locator('.log-scroll').boundingBox();
    const box = await line.boundingBox();
    const text = line.locator('span').last();
    expect(box && panel && box.x + box.width <= panel.x + panel.width + 0.5).toBe(true);
    expect(await text.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(box?.height ?? 0).toBeGreaterThan(30); // wrapped onto several lines
    await expect(text).toHaveCSS('font-family', /mono/i);
    await app.getByTestId('log-view').scrollIntoViewIfNeeded();
    await screenshot(app, 'rough-logs', 'light');
    await screenshot(app, 'rough-logs', 'dark');
  } finally {
    await api.call('commands.stop', { id: 'talker' });
    await api.data('project.close');
    api.close();
  }
});
