import { expect, screenshot, test } from './fixtures';
import { openKeys, percentile, redisOf, scrollAndMeasure } from './keys-helpers';

const ttlSeconds = async (text: string | null): Promise<number> =>
  Number(/(\d+)s/.exec(text ?? '')?.[1] ?? NaN);

test('create a key with a 60 s TTL, watch it count down, persist it, edit a hash field, delete it', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  // Keys sorted before the new one fill more than the list's height: its row must be brought into view.
  const fillers = Array.from({ length: 80 }, (_, i) => `e2e:aaa:${i}`);
  await redis.mset(fillers.flatMap((k) => [k, '1']));
  await openKeys(app);
  await app.getByTestId('new-key').click();
  await app.getByTestId('new-key-name').fill('e2e:session:1');
  await app.getByTestId('new-key-type').selectOption('hash');
  await app.getByTestId('new-key-a').fill('user');
  await app.getByTestId('new-key-b').fill('alice');
  await app.getByTestId('new-key-ttl').fill('60');
  await app.getByTestId('new-key-create').click();

  const ttl = app.getByTestId('detail-ttl');
  await expect(ttl).toHaveText(/TTL (60|59)s/);
  const first = await ttlSeconds(await ttl.textContent());
  // Waits for the countdown to move 2 s; the room past that is for a busy machine, not a limit.
  await expect
    .poll(async () => ttlSeconds(await ttl.textContent()), { timeout: 15_000 })
    .toBeLessThanOrEqual(first - 2);
  const row = app.locator('[data-testid="key-row"][data-key="e2e:session:1"]');
  await expect(row.locator('.key-ttl')).toHaveText(/^\d+s$/);
  expect(await redis.pttl('e2e:session:1')).toBeGreaterThan(40_000); // still the 60 s TTL, counting down

  await app.getByRole('button', { name: 'Persist' }).click();
  await expect(ttl).toHaveText('TTL no expiry');
  await expect(row.locator('.key-ttl')).toHaveText('no expiry');
  expect(await redis.pttl('e2e:session:1')).toBe(-1);

  await app.getByTestId('entry-table').getByText('user', { exact: true }).click();
  await app.getByTestId('value-edit').fill('bob');
  await app.getByRole('button', { name: 'Save field' }).click();
  await expect(app.getByTestId('detail-notice')).toHaveText('field saved');
  await expect(app.getByTestId('entry-table')).toContainText('bob');
  expect(await redis.hget('e2e:session:1', 'user')).toBe('bob');
  await screenshot(app, 'keys-hash-detail', 'light');
  await screenshot(app, 'keys-hash-detail', 'dark');

  await app.getByTestId('delete-key').click();
  await app.getByTestId('confirm-delete-key').click();
  await expect(app.getByText('Select a key to see its value.')).toBeVisible();
  await expect(row).toHaveCount(0);
  expect(await redis.exists('e2e:session:1')).toBe(0);
  await redis.del(...fillers);
  redis.disconnect();
  ws.close();
});

test('edits to a key deleted meanwhile say so', async ({ app, serve }) => {
  const { redis, ws } = await redisOf(serve);
  await redis.set('e2e:vanishing', 'hello');
  await openKeys(app);
  // The shared Redis holds other specs' keys, which may list before this one: look it up by name.
  await app.getByTestId('keys-pattern').fill('e2e:vanishing');
  await app.getByTestId('scan-start').click();
  await app.locator('[data-testid="key-row"][data-key="e2e:vanishing"]').click();
  await app.getByTestId('string-edit').click();
  await redis.del('e2e:vanishing');
  await app.getByTestId('value-edit').fill('new');
  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(app.getByTestId('detail-notice')).toHaveText('key no longer exists');
  expect(await redis.exists('e2e:vanishing')).toBe(0);
  redis.disconnect();
  ws.close();
});

test('200k keys: scan all, scroll top to bottom smoothly, flat and tree views', async ({ app, serve }) => {
  test.setTimeout(180_000);
  const { redis, ws } = await redisOf(serve);
  const N = 200_000;
  for (let i = 0; i < N; i += 10_000) {
    const p = redis.pipeline();
    for (let j = i; j < i + 10_000; j++) {
      const key = `load:${String(j % 40).padStart(2, '0')}:${String(j).padStart(6, '0')}`;
      p.set(key, 'v');
      if (j % 3 === 0) p.pexpire(key, 3_600_000);
    }
    await p.exec();
  }
  await openKeys(app);
  await app.getByTestId('keys-pattern').fill('load:*');
  await app.getByTestId('scan-start').click();
  await expect(app.getByTestId('key-count')).toHaveText('200,000 keys', { timeout: 60_000 });
  // MEMORY USAGE is fetched for the rows on screen once the list settles.
  await expect(app.locator('[data-testid="key-row"] .key-mem').first()).toHaveText(/^\d+ bytes$/);
  await screenshot(app, 'keys-flat', 'light');
  await screenshot(app, 'keys-flat', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });

  const { frames, reachedEnd } = await scrollAndMeasure(app, 8000);
  expect(reachedEnd).toBe(true);
  const p95 = percentile(frames, 95);
  console.log(
    `keys scroll: ${frames.length} frames over 200k rows, p95 ${p95.toFixed(1)} ms, median ${percentile(frames, 50).toFixed(1)} ms`,
  );
  test.info().annotations.push({ type: 'scroll-p95-ms', description: p95.toFixed(1) });
  // Smoothness is bench:keys-scroll's figure (median one 16.7 ms frame, p95 two or three here). These bounds,
  // ten times that, only catch a freeze (a list that renders every row, or re-sorts on scroll: seconds a frame)
  // and leave room for a CI machine busy with other runs.
  expect(percentile(frames, 50)).toBeLessThan(167);
  expect(p95).toBeLessThan(500);
  await expect(app.locator('[data-testid="key-row"][data-key="load:39:199999"]')).toBeVisible();

  await app.getByTestId('view-tree').click();
  const folder = app.getByTestId('folder-row').filter({ hasText: 'load:' });
  await expect(folder).toContainText('200,000');
  await folder.click();
  await app.getByTestId('folder-row').filter({ hasText: '07:' }).click();
  await expect(app.locator('[data-testid="key-row"][data-key="load:07:000007"]')).toBeVisible();
  await screenshot(app, 'keys-tree', 'light');
  await screenshot(app, 'keys-tree', 'dark');
  await app.getByTestId('view-flat').click();
  // The serve process (and its Redis) is shared by every spec in this worker: leave it as found.
  expect(await ws.data('keys.deletePattern', { match: 'load:*', opId: 'cleanup' })).toEqual({ deleted: N });
  redis.disconnect();
  ws.close();
});

test('delete by pattern: count, confirm with the count, delete with progress', async ({ app, serve }) => {
  const { redis, ws } = await redisOf(serve);
  const p = redis.pipeline();
  for (let i = 0; i < 1500; i++) p.set(`bulk:${i}`, '1');
  p.set('bulkkeep', '1');
  await p.exec();
  await openKeys(app);
  await app.getByTestId('delete-pattern').click();
  await app.getByTestId('delete-pattern-input').fill('bulk:*');
  await app.getByRole('button', { name: 'Count matches' }).click();
  await expect(app.getByTestId('delete-pattern-count')).toContainText('1,500 keys match');
  await screenshot(app, 'keys-delete-pattern', 'light');
  await app.getByTestId('delete-pattern-confirm').click();
  await expect(app.getByTestId('delete-pattern-done')).toHaveText('Deleted 1,500 keys.');
  expect(await ws.data('keys.countPattern', { match: 'bulk:*' })).toEqual({ count: 0 });
  expect(await redis.exists('bulkkeep')).toBe(1);
  await redis.del('bulkkeep');
  redis.disconnect();
  ws.close();
});
