import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures';
import { openKeys, redisOf } from './keys-helpers';

test('export a pattern to a downloaded file, import it back (skip), then again replacing a changed key', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  const p = `e2e:fx:${Date.now()}:`;
  await redis.set(`${p}str`, 'hello', 'PX', 120_000);
  await redis.hset(`${p}hash`, 'f', 'v', 'bin', Buffer.from([0xff, 0x00]));
  await redis.rpush(`${p}list`, 'a', 'b');
  await redis.zadd(`${p}zset`, 1, 'one', 2, 'two');
  await redis.xadd(`${p}stream`, '1-1', 'k', 'v');
  await openKeys(app);
  await app.getByTestId('keys-pattern').fill(`${p}*`);

  await app.getByTestId('keys-export').click();
  await expect(app.getByTestId('export-pattern')).toHaveValue(`${p}*`);
  await app.getByTestId('export-format-jsonl').check();
  const downloading = app.waitForEvent('download');
  await app.getByTestId('export-start').click();
  const download = await downloading;
  await expect(app.getByTestId('export-done')).toContainText('Exported 5 keys');
  const file = join(mkdtempSync(join(tmpdir(), 'qd-e2e-dl-')), download.suggestedFilename());
  await download.saveAs(file);
  expect(download.suggestedFilename()).toMatch(/^keys-e2e_fx_\d+_all\.jsonl$/);
  await screenshot(app, 'keys-export-done');
  await screenshot(app, 'keys-export-done', 'dark');
  await app.getByRole('button', { name: 'Close' }).click();

  await redis.del(`${p}str`, `${p}hash`, `${p}list`, `${p}zset`, `${p}stream`);
  await redis.set(`${p}list`, 'not a list any more');
  await app.getByTestId('keys-import').click();
  await app.getByTestId('import-file').setInputFiles(file);
  await expect(app.getByTestId('import-check')).toContainText('5 keys in');
  await expect(app.getByTestId('import-check')).toContainText('1 of them exist here now');
  await app.getByTestId('import-skip').check();
  await app.getByTestId('import-start').click();
  await expect(app.getByTestId('import-done')).toContainText('Imported 4 keys, skipped 1 that existed');
  await screenshot(app, 'keys-import-done');
  expect(await redis.get(`${p}list`)).toBe('not a list any more');
  expect(await redis.hgetallBuffer(`${p}hash`)).toEqual({
    f: Buffer.from('v'),
    bin: Buffer.from([0xff, 0x00]),
  });
  expect(await redis.pttl(`${p}str`)).toBeGreaterThan(100_000);
  expect(await redis.zrange(`${p}zset`, '0', '-1', 'WITHSCORES')).toEqual(['one', '1', 'two', '2']);
  await app.getByRole('button', { name: 'Close' }).click();

  // Again, replacing: the one key that exists must be confirmed by typing its count.
  await app.getByTestId('keys-import').click();
  await app.getByTestId('import-file').setInputFiles(file);
  await expect(app.getByTestId('import-check')).toContainText('5 of them exist here now');
  await app.getByTestId('import-replace').check();
  await expect(app.getByTestId('import-start')).toBeDisabled();
  await app.getByTestId('import-type').fill('5');
  await screenshot(app, 'keys-import-replace');
  await screenshot(app, 'keys-import-replace', 'dark');
  await app.getByTestId('import-start').click();
  await expect(app.getByTestId('import-done')).toContainText('Imported 5 keys (5 replaced)');
  expect(await redis.lrange(`${p}list`, 0, -1)).toEqual(['a', 'b']);
  await app.getByRole('button', { name: 'Close' }).click();
  await expect(app.locator(`[data-testid="key-row"][data-key="${p}list"]`)).toBeVisible();
  redis.disconnect();
  ws.ws.close();
});

test('a file with a bad line: the line is reported by number and the rest imported', async ({
  app,
  serve,
}) => {
  const { redis, ws } = await redisOf(serve);
  const p = `e2e:fxbad:${Date.now()}:`;
  const dir = mkdtempSync(join(tmpdir(), 'qd-e2e-bad-'));
  const file = join(dir, 'bad.jsonl');
  writeFileSync(
    file,
    [
      JSON.stringify({ key: `${p}a`, type: 'string', ttlMs: -1, value: '1' }),
      '{"key": "broken"',
      JSON.stringify({ key: `${p}b`, type: 'set', ttlMs: -1, value: [{ value: 'x' }] }),
    ].join('\n'),
  );
  await openKeys(app);
  await app.getByTestId('keys-import').click();
  await app.getByTestId('import-file').setInputFiles(file);
  await expect(app.getByTestId('import-check')).toContainText('1 bad lines will be reported');
  await app.getByTestId('import-start').click();
  await expect(app.getByTestId('import-errors')).toContainText('line 2: not JSON');
  await expect(app.getByTestId('import-done')).toContainText('Imported 2 keys');
  await screenshot(app, 'keys-import-bad-line');
  expect(await redis.get(`${p}a`)).toBe('1');
  expect(await redis.smembers(`${p}b`)).toEqual(['x']);
  redis.disconnect();
  ws.ws.close();
});
