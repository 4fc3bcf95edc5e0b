import type { Page } from '@playwright/test';
import { Redis } from 'ioredis';
import { expect, screenshot, test } from './fixtures';
import { redisOf } from './keys-helpers';

async function openTab(app: Page, tab: string): Promise<void> {
  await app.getByTestId('nav-workbench').click();
  await app.getByTestId(`workbench-tab-${tab}`).click();
  await app.getByTestId(`${tab}-pane`).waitFor();
}

test('slow log: an entry appears after lowering the threshold, and reset asks first', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  const before = ((await redis.config('GET', 'slowlog-log-slower-than')) as string[])[1]!;
  try {
    await openTab(app, 'slowlog');
    await app.getByTestId('setting-slowlog-log-slower-than').fill('0');
    await app.getByTestId('setting-save-slowlog-log-slower-than').click();
    await expect
      .poll(async () => redis.config('GET', 'slowlog-log-slower-than'))
      .toEqual(['slowlog-log-slower-than', '0']);
    const app2 = new Redis(redis.options.port!, { connectionName: 'e2e-slow-app' });
    await app2.set('e2e:slow:marker', 'x'.repeat(40));
    app2.disconnect();
    await app.getByTestId('slowlog-refresh').click();
    const table = app.getByTestId('slowlog-table');
    const row = table.locator('tbody tr', { hasText: 'e2e:slow:marker' });
    await expect(row).toContainText('e2e-slow-app');
    await expect(row).toContainText(`set e2e:slow:marker ${'x'.repeat(40)}`);
    await screenshot(app, 'workbench-slowlog', 'light');
    await screenshot(app, 'workbench-slowlog', 'dark');
    await app.getByTestId('slowlog-reset').click();
    await expect(app.getByTestId('confirm-dialog')).toContainText('SLOWLOG RESET deletes all');
    await app.getByTestId('confirm-ok').click();
    await expect(row).toHaveCount(0);
  } finally {
    await redis.config('SET', 'slowlog-log-slower-than', before);
    redis.disconnect();
    ws.close();
  }
});

const BUSY_150MS = `local t = redis.call('TIME')
local start = t[1] * 1000000 + t[2]
while true do
  local n = redis.call('TIME')
  if n[1] * 1000000 + n[2] - start > 150000 then return 1 end
end`;

test('latency: says how to turn the monitor on, sets its threshold, charts a spike, resets after a yes', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  try {
    await redis.config('SET', 'latency-monitor-threshold', '0');
    await redis.call('LATENCY', 'RESET');
    await openTab(app, 'latency');
    await expect(app.getByTestId('latency-off')).toContainText('latency-monitor-threshold is 0');
    await screenshot(app, 'workbench-latency', 'light');
    await app.getByTestId('setting-latency-monitor-threshold').fill('100');
    await app.getByTestId('setting-save-latency-monitor-threshold').click();
    await expect(app.getByTestId('latency-off')).toHaveCount(0);
    // (No check for "no events yet": the app's Redis writes an AOF, and on a busy machine an fsync can spike.)
    expect(await redis.config('GET', 'latency-monitor-threshold')).toEqual([
      'latency-monitor-threshold',
      '100',
    ]);
    // A script that keeps the server busy for 150 ms is one "command" spike (DEBUG SLEEP is off in the app's Redis).
    await redis.eval(BUSY_150MS, 0);
    await app.getByTestId('latency-refresh').click();
    const row = app.getByTestId('latency-table').locator('tbody tr', { hasText: 'command' });
    await expect(row).toHaveCount(1);
    await row.getByTestId('latency-event').click();
    await expect(app.locator('.chart figcaption')).toContainText('LATENCY HISTORY command');
    await screenshot(app, 'workbench-latency-events', 'light');
    await screenshot(app, 'workbench-latency-events', 'dark');
    await app.getByTestId('latency-reset').click();
    await expect(app.getByTestId('confirm-dialog')).toContainText('LATENCY RESET deletes');
    await app.getByTestId('confirm-ok').click();
    await expect(row).toHaveCount(0);
  } finally {
    await redis.config('SET', 'latency-monitor-threshold', '0');
    redis.disconnect();
    ws.close();
  }
});

test('clients: QueueDesk’s own are marked; killing one asks first and disconnects it', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  const victim = new Redis(redis.options.port!, { connectionName: 'e2e-victim', retryStrategy: () => null });
  await victim.ping();
  const id = String(await victim.client('ID'));
  let ended = false;
  victim.on('end', () => (ended = true));
  try {
    await openTab(app, 'clients');
    const table = app.getByTestId('clients-table');
    const row = table.locator('tbody tr', { hasText: 'e2e-victim' });
    await expect(row).toHaveCount(1);
    await expect(table.getByTestId('client-own').first()).toBeVisible();
    await expect(table.locator('tbody tr', { hasText: 'queuedesk' }).first()).toContainText('QueueDesk');
    await screenshot(app, 'workbench-clients', 'light');
    await screenshot(app, 'workbench-clients', 'dark');
    await app.getByTestId(`client-kill-${id}`).click();
    const dialog = app.getByTestId('confirm-dialog');
    await expect(dialog).toContainText('e2e-victim');
    await expect(dialog).not.toContainText("QueueDesk's own");
    await app.getByTestId('confirm-ok').click();
    await expect(app.getByTestId('clients-notice')).toContainText(`Client ${id} disconnected`);
    await expect(row).toHaveCount(0);
    await expect.poll(() => ended).toBe(true);

    // One of QueueDesk's own: the dialog says so first.
    const own = table.locator('tbody tr', { hasText: 'queuedesk:' }).first();
    await own.getByRole('button', { name: 'Kill' }).click();
    await expect(dialog).toContainText("one of QueueDesk's own connections");
    await screenshot(app, 'workbench-clients-own', 'light');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    victim.disconnect();
    redis.disconnect();
    ws.close();
  }
});

test('INFO and CONFIG: meanings, filters, a safe setting set, a dangerous one read-only', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  try {
    await openTab(app, 'info');
    await expect(app.getByTestId('info-field-used_memory')).toContainText('Bytes Redis has allocated');
    await app.getByTestId('info-filter').fill('evict');
    await expect(app.getByTestId('info-field-evicted_keys')).toBeVisible();
    await expect(app.getByTestId('info-field-used_memory')).toHaveCount(0);
    await app.getByTestId('info-filter').fill('');
    await screenshot(app, 'workbench-info', 'light');
    await screenshot(app, 'workbench-info', 'dark');

    await openTab(app, 'config');
    await expect(app.getByTestId('config-row-dir')).toContainText('read-only');
    await app.getByTestId('config-filter').fill('maxmemory*');
    await expect(app.getByTestId('config-row-dir')).toHaveCount(0);
    await app.getByTestId('config-input-maxmemory-policy').selectOption('allkeys-lru');
    await app.getByTestId('config-save-maxmemory-policy').click();
    await expect(app.getByTestId('config-result-maxmemory-policy')).toContainText('saved: allkeys-lru');
    expect(await redis.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'allkeys-lru']);
    await app.getByTestId('config-input-maxmemory').fill('12');
    await app.getByTestId('config-save-maxmemory').click();
    await expect(app.getByTestId('config-result-maxmemory')).toContainText('at least 1m');
    await screenshot(app, 'workbench-config', 'light');
    expect(await redis.config('GET', 'maxmemory')).toEqual(['maxmemory', '0']);
  } finally {
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    redis.disconnect();
    ws.close();
  }
});

/** Whether QueueDesk's MONITOR connection is open (flag O), as the server sees it. */
async function monitoring(redis: Redis): Promise<boolean> {
  const list = String(await redis.client('LIST'));
  return list.split('\n').some((l) => l.includes('name=queuedesk:profiler') && / flags=\w*O/.test(l));
}

test('profiler: sees another client’s command, stops after its time and on leaving the tab', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  try {
    await openTab(app, 'profiler');
    await app.getByTestId('profiler-seconds').fill('60');
    await app.getByTestId('profiler-start').click();
    await expect.poll(() => monitoring(redis)).toBe(true);
    await redis.set('e2e:prof:marker', '1');
    await expect(app.getByTestId('profiler-line').filter({ hasText: 'e2e:prof:marker' })).toHaveCount(1);
    // QueueDesk's own polling (INFO for the status bar) is hidden by default, and counted while it runs.
    await expect(app.getByTestId('profiler-counts')).not.toContainText(' 0 QueueDesk’s own hidden');
    await expect(app.getByTestId('profiler-stop')).toContainText('s left');
    await screenshot(app, 'workbench-profiler', 'light');
    await screenshot(app, 'workbench-profiler', 'dark');
    await app.getByTestId('profiler-stop').click();
    await expect(app.getByTestId('profiler-stopped')).toContainText('you stopped it');
    await expect.poll(() => monitoring(redis)).toBe(false);

    // It stops by itself when its time is up.
    await app.getByTestId('profiler-seconds').fill('2');
    await app.getByTestId('profiler-start').click();
    await expect.poll(() => monitoring(redis)).toBe(true);
    await expect(app.getByTestId('profiler-stopped')).toContainText('its time was up');
    await expect.poll(() => monitoring(redis)).toBe(false);

    // And when the tab closes.
    await app.getByTestId('profiler-seconds').fill('60');
    await app.getByTestId('profiler-start').click();
    await expect.poll(() => monitoring(redis)).toBe(true);
    await app.getByTestId('workbench-tab-console').click();
    await expect.poll(() => monitoring(redis)).toBe(false);
  } finally {
    redis.disconnect();
    ws.close();
  }
});
