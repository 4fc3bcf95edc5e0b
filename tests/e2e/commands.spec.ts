import { WsApi } from '../helpers/ws-api';
import { celeryCommand, writeProject } from '../integration/commands/helpers';
import { expect, screenshot, test } from './fixtures';
import { uniqueQueue } from './queues-helpers';

test('a project command (a real Celery worker) is started, logs and stops from the Processes panel', async ({
  app,
  serve,
}) => {
  const api = await WsApi.open(serve.apiUrl);
  const { url } = await api.data<{ url: string }>('connection.status', {});
  const worker = celeryCommand(url, 'celery-ui');
  // Its own queue, so it takes no task another test sends.
  worker.command = `${worker.command as string} -Q ${uniqueQueue('cmd')}`;
  await api.data('project.open', { configPath: writeProject([worker, { id: 'beat', command: 'true' }]) });
  try {
    await app.getByTestId('nav-processes').click();
    const row = app.locator('[data-testid="command-row"][data-command-id="celery-ui"]');
    await expect(row.getByTestId('command-state')).toHaveText('stopped');
    await expect(row).toContainText('/usr/bin/python3 -m celery -A qd_tasks worker');

    await row.getByTestId('command-start').click();
    await expect(row.getByTestId('command-state')).toHaveText('running');
    await row.getByTestId('command-logs').click();
    await expect(app.getByTestId('log-process')).toHaveValue('celery-ui');
    await expect(app.getByTestId('log-line').filter({ hasText: 'celery-ui@qd ready.' })).toBeVisible({
      timeout: 30_000,
    });
    await screenshot(app, 'commands', 'light');
    await app.getByTestId('log-view').scrollIntoViewIfNeeded();
    await screenshot(app, 'commands-logs', 'dark');

    await row.getByTestId('command-stop').click();
    await expect(row.getByTestId('command-state')).toHaveText('stopped', { timeout: 20_000 });
    await expect(row.getByTestId('command-exit')).toHaveText('code 0');
    await expect(app.getByTestId('log-line').filter({ hasText: 'exited (code 0)' })).toBeVisible();
  } finally {
    await api.call('commands.stop', { id: 'celery-ui' });
    await api.data('project.close');
    api.close();
  }
});

test('a long command takes two lines of its row, whole on hover and above its logs', async ({
  app,
  serve,
}) => {
  const api = await WsApi.open(serve.apiUrl);
  const flags = Array.from({ length: 40 }, (_, i) => `--option-number-${i}=some-value-${i}`).join(' ');
  const command = `true ${flags}`;
  await api.data('project.open', { configPath: writeProject([{ id: 'long-one', command }]) });
  try {
    await app.getByTestId('nav-processes').click();
    const row = app.locator('[data-testid="command-row"][data-command-id="long-one"]');
    const text = row.getByTestId('command-text');
    await expect(text).toHaveText(command);
    const { height, lineHeight } = await text.evaluate((el) => ({
      height: el.getBoundingClientRect().height,
      lineHeight: parseFloat(el.ownerDocument.defaultView!.getComputedStyle(el).lineHeight),
    }));
    expect(height).toBeLessThanOrEqual(2 * lineHeight + 1);
    // Cut for display, whole in the hover text.
    expect(await text.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await expect(row.locator('td.command-argv')).toHaveAttribute(
      'title',
      new RegExp(`^${command}\\n\\(in /`),
    );

    await row.getByTestId('command-logs').click();
    await expect(app.getByTestId('log-command')).toHaveText(command);
    await expect(app.getByTestId('log-command-cwd')).toHaveText(/^in \//);
    await app.getByTestId('log-view').scrollIntoViewIfNeeded();
    await screenshot(app, 'commands-long', 'light');
    await screenshot(app, 'commands-long', 'dark');
  } finally {
    await api.data('project.close');
    api.close();
  }
});
