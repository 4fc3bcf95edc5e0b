import { readFileSync } from 'node:fs';
import { expect, screenshot, test } from './fixtures';
import { redisOf } from './keys-helpers';

test('console: typed replies, completion and help, blocking cancel, confirmation, history', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  await app.getByTestId('nav-workbench').click();
  // A crash in a React effect blanks the page: fail on it by name rather than on a missing element.
  const pageErrors: string[] = [];
  app.on('pageerror', (e) => pageErrors.push(e.message));
  const input = app.getByTestId('console-input');

  // Completion and one-line help come from the server's COMMAND DOCS.
  await input.fill('HSE');
  await expect(app.getByTestId('console-suggestions')).toContainText('HSET');
  await input.press('Tab');
  await expect(input).toHaveValue('HSET ');
  await expect(app.getByTestId('console-hint')).toContainText('HSET key field value [field value ...]');
  await input.fill('HSET e2e:wb:h name alice bin "\\xff\\x01"');
  await input.press('Enter');
  await expect(app.getByTestId('console-entry').last()).toContainText('(integer) 2');
  expect(await redis.hgetBuffer('e2e:wb:h', 'bin')).toEqual(Buffer.from([0xff, 0x01]));

  await input.fill('HGETALL e2e:wb:h\nNOSUCHCOMMAND\nPING');
  await input.press('Enter');
  const entry = app.getByTestId('console-entry').last();
  await expect(entry).toContainText('map (2)');
  await expect(entry).toContainText('"alice"');
  await expect(entry).toContainText('"\\xff\\x01"');
  await expect(entry.getByTestId('resp-error')).toContainText("unknown command 'NOSUCHCOMMAND'");
  await expect(entry).toContainText('PONG');
  await expect(entry.getByTestId('console-ms')).toHaveCount(3);
  await screenshot(app, 'workbench-console', 'light');
  await screenshot(app, 'workbench-console', 'dark');
  await app.getByTestId('console-raw').check();
  await expect(entry.locator('.console-raw').first()).toContainText('name\nalice');
  await app.getByTestId('console-raw').uncheck();

  // A blocking command runs on its own connection and can be cancelled.
  await input.fill('BLPOP e2e:wb:never 0');
  await input.press('Enter');
  const blocked = app.getByTestId('console-entry').last();
  await blocked.getByTestId('console-cancel').click();
  await expect(blocked.getByTestId('console-ms')).toContainText('cancelled');

  // A command that changes the server asks first and says why.
  const before = (await redis.config('GET', 'slowlog-max-len')) as string[];
  await input.fill('CONFIG SET slowlog-max-len 129');
  await input.press('Enter');
  const dialog = app.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('changes the running server');
  await screenshot(app, 'workbench-confirm', 'light');
  expect(await redis.config('GET', 'slowlog-max-len')).toEqual(before);
  await app.getByTestId('confirm-ok').click();
  await expect(app.getByTestId('console-entry').last()).toContainText('OK');
  expect(await redis.config('GET', 'slowlog-max-len')).toEqual(['slowlog-max-len', '129']);
  await redis.config('SET', 'slowlog-max-len', before[1]!);

  await app.getByTestId('history-search').fill('wb:h');
  await expect(app.getByTestId('history-list').locator('li')).toHaveText([
    'HGETALL e2e:wb:h',
    'HSET e2e:wb:h name alice bin "\\xff\\x01"',
  ]);
  expect(pageErrors).toEqual([]);
  await redis.del('e2e:wb:h');
  redis.disconnect();
  ws.close();
});

test('memory analysis of a pattern: tables, sorting, CSV export', async ({ app, serve }) => {
  const { redis, ws } = await redisOf(serve);
  const p = redis.pipeline();
  for (let i = 0; i < 40; i++) p.set(`e2emem:cache:${i}`, 'x'.repeat(100 + i), 'PX', 3_600_000);
  for (let i = 0; i < 10; i++) p.hset(`e2emem:user:${i}`, 'name', `u${i}`, 'mail', `u${i}@example.com`);
  p.rpush('e2emem:queue', ...Array.from({ length: 500 }, (_, i) => `job${i}`));
  await p.exec();
  await app.getByTestId('nav-workbench').click();
  await app.getByTestId('workbench-tab-memory').click();
  await app.getByTestId('analyze-match').fill('e2emem:*');
  await app.getByTestId('analyze-start').click();
  await expect(app.getByTestId('memory-summary')).toContainText('51 keys');
  const ns = app.getByTestId('table-namespaces');
  await expect(ns.locator('tbody tr').first()).toContainText('e2emem:');
  await expect(ns).toContainText('e2emem:cache:');
  await expect(app.getByTestId('table-top-elements').locator('tbody tr').first()).toContainText(
    'e2emem:queue',
  );
  await expect(app.getByTestId('table-ttl')).toContainText('< 1 day');
  // A header sorts by its column, most first; a second click reverses.
  const keysHeader = ns.getByRole('button', { name: /^Keys/ });
  await keysHeader.click();
  await expect(ns.locator('tbody tr td:first-child')).toHaveText([
    'e2emem:',
    'e2emem:cache:',
    'e2emem:user:',
  ]);
  await keysHeader.click();
  await expect(ns.locator('tbody tr td:first-child')).toHaveText([
    'e2emem:user:',
    'e2emem:cache:',
    'e2emem:',
  ]);
  await screenshot(app, 'workbench-memory', 'light');
  await screenshot(app, 'workbench-memory', 'dark');
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByTestId('csv-types').click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('Type,Keys,Memory,Elements');
  expect(csv).toContain('string,40,');
  expect(csv).toContain('hash,10,');
  expect(csv).toContain('list,1,');
  await redis.del(...(await redis.keys('e2emem:*')));
  redis.disconnect();
  ws.close();
});

test('memory analysis streams its progress and stops when asked, keeping the partial figures', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  // Enough keys that the walk is still going when Stop is clicked: over a second of Redis' time.
  const N = 300_000;
  const fill = async (op: 'set' | 'del'): Promise<void> => {
    for (let b = 0; b < N; b += 10_000) {
      const p = redis.pipeline();
      for (let i = b; i < b + 10_000; i++) {
        if (op === 'set') p.set(`e2estop:${i % 50}:${i}`, 'v');
        else p.del(`e2estop:${i % 50}:${i}`);
      }
      await p.exec();
    }
  };
  await fill('set');
  await app.getByTestId('nav-workbench').click();
  await app.getByTestId('workbench-tab-memory').click();
  await app.getByTestId('analyze-match').fill('e2estop:*');
  await app.getByTestId('analyze-start').click();
  // A progress event has come in: the running count is past zero.
  await expect(app.getByTestId('analyze-progress')).toContainText(/[1-9][\d,]* keys/);
  await screenshot(app, 'workbench-memory-progress', 'light');
  await app.getByTestId('analyze-stop').click();
  const summary = app.getByTestId('memory-summary');
  await expect(summary).toContainText('stopped early: partial figures');
  const shown = Number((await summary.locator('strong').first().textContent())!.replace(/\D/g, ''));
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(N);
  await expect(app.getByTestId('analyze-start')).toBeVisible();
  await fill('del');
  redis.disconnect();
  ws.close();
});
