import { Redis } from 'ioredis';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';

// A serve of its own: a restore replaces everything in its embedded Redis (and restarts it on another port).
let serve: ServeProcess;
let ws: WsApi;

test.beforeAll(async () => {
  serve = await startServeProcess();
  ws = await WsApi.open(serve.apiUrl);
});
test.afterAll(async () => {
  ws?.close();
  await serve?.stop();
});

/** A client of the embedded Redis as it is now (a restore moves it to another port). */
async function embedded(): Promise<Redis> {
  const { url } = await ws.data<{ url: string }>('connection.status');
  return new Redis(url);
}

test('save a snapshot, change the data, restore it (typing the key count); the data before is kept', async ({
  page: app,
}) => {
  let redis = await embedded();
  await redis.mset('snap:a', 'saved', 'snap:b', 'saved too', 'snap:c', 'third');
  redis.disconnect();
  await app.goto(serve.pageUrl);
  await app.getByTestId('nav-connection').click();
  const card = app.getByTestId('snapshots-card');
  await card.getByTestId('snapshot-name').fill('three keys');
  await card.getByTestId('snapshot-save').click();
  await expect(card.getByTestId('snapshot-note')).toHaveText('Saved “three keys”.');
  const row = card.getByTestId('snapshot-row').filter({ hasText: 'three keys' });
  await expect(row).toContainText('3');

  redis = await embedded();
  await redis.set('snap:a', 'changed');
  await redis.set('snap:d', 'new');
  redis.disconnect();
  await row.getByTestId('snapshot-restore').click();
  const dialog = app.getByTestId('confirm-dialog');
  await expect(dialog).toContainText(
    'The 4 keys in the embedded Redis now are replaced by the snapshot’s 3 keys',
  );
  await expect(dialog.getByTestId('confirm-ok')).toBeDisabled();
  await dialog.getByTestId('confirm-input').fill('4');
  await screenshot(app, 'snapshot-restore-confirm');
  await screenshot(app, 'snapshot-restore-confirm', 'dark');
  await dialog.getByTestId('confirm-ok').click();
  await expect(card.getByTestId('snapshot-note')).toHaveText(
    'Restored “three keys”. The data from before is kept as an automatic snapshot.',
  );
  const auto = card.getByTestId('snapshot-row').filter({ hasText: 'Before restoring' });
  await expect(auto).toContainText('auto');
  await expect(auto).toContainText('4');
  await expect(app.getByTestId('embedded-state')).toHaveText('In use: 3 keys, kept on disk.');
  await card.scrollIntoViewIfNeeded();
  await screenshot(app, 'snapshots-after-restore');
  await screenshot(app, 'snapshots-after-restore', 'dark');

  redis = await embedded();
  expect(await redis.mget('snap:a', 'snap:b', 'snap:c', 'snap:d')).toEqual([
    'saved',
    'saved too',
    'third',
    null,
  ]);
  redis.disconnect();

  // Deleting asks too; the automatic snapshot goes, the named one stays.
  await auto.getByTestId('snapshot-remove').click();
  await expect(dialog).toContainText('Its 4 keys');
  await dialog.getByTestId('confirm-ok').click();
  await expect(card.getByTestId('snapshot-row')).toHaveCount(1);
});
