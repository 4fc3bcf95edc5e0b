import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestCluster } from '../helpers/redis-cluster';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { startTestSentinels, type TestSentinels } from '../helpers/redis-sentinel';
import { makeTestTls } from '../helpers/test-tls';
import { expect, screenshot, test } from './fixtures';

const DATA_PASS = 'e2e-data-pw';
const SENTINEL_PASS = 'e2e-sentinel-pw';

// A serve of its own, restarted over the same data folder: the saved connection must outlive it.
let serve: ServeProcess;
let set: TestSentinels;

test.beforeAll(async () => {
  set = await startTestSentinels('e2e-master', { password: DATA_PASS, sentinelPassword: SENTINEL_PASS });
  serve = await startServeProcess();
});
test.afterAll(async () => {
  await serve?.stop();
  await set?.stop();
});

test('saves a Sentinel connection with its passwords, and after a restart of serve connects from the saved list', async ({
  page: app,
}) => {
  await app.goto(serve.pageUrl);
  await app.getByTestId('nav-connection').click();
  await app.getByTestId('topology-sentinel').check();
  await app.getByTestId('topology-nodes').fill(set.sentinels.join('\n'));
  await app.getByTestId('topology-name').fill(set.name);
  await app.getByTestId('topology-password').fill(DATA_PASS);

  // Without the sentinels' own password the test says who refused.
  await app.getByTestId('topology-test').click();
  await expect(app.getByTestId('topology-outcome')).toContainText(
    'the sentinels refuse without their own password',
  );
  await app.getByTestId('topology-sentinel-password').fill(SENTINEL_PASS);
  await app.getByTestId('topology-test').click();
  await expect(app.getByTestId('topology-outcome')).toContainText(`primary 127.0.0.1:${set.primary.port}`);

  // A name is needed to save.
  await app.getByTestId('topology-save').click();
  await expect(app.getByText('Give the connection a name')).toBeVisible();
  await app.getByTestId('topology-save-name').fill('prod sentinel');
  await app.getByTestId('topology-save').click();
  await expect(app.getByTestId('topology-outcome')).toHaveText('Saved as “prod sentinel”');
  const item = app.locator('[data-testid="saved-connection"][data-name="prod sentinel"]');
  await expect(item.getByTestId('saved-kind')).toHaveText('Sentinel');
  await expect(item).toContainText('password and sentinel password saved');
  await screenshot(app, 'connection-saved-sentinel', 'light');
  await screenshot(app, 'connection-saved-sentinel', 'dark');
  const onDisk = readFileSync(join(serve.dataDir, 'connections.json'), 'utf8');
  expect(onDisk).not.toContain(DATA_PASS);
  expect(onDisk).not.toContain(SENTINEL_PASS);

  // serve restarts over the same data folder; the app, on its embedded Redis again, connects from the list.
  expect(await serve.stop()).toBe(0);
  serve = await startServeProcess([], { dataDir: serve.dataDir });
  await app.goto(serve.pageUrl);
  await app.getByTestId('nav-connection').click();
  await expect(app.getByTestId('current-url')).not.toContainText('redis-sentinel://');
  const again = app.locator('[data-testid="saved-connection"][data-name="prod sentinel"]');
  await expect(again.getByTestId('saved-kind')).toHaveText('Sentinel');
  await again.getByTestId('saved-connect').click();
  await expect(app.getByTestId('current-url')).toHaveText(
    `redis-sentinel://${set.sentinels.join(',')}/${set.name}`,
  );
  await expect(app.getByTestId('current-primary')).toHaveText(`127.0.0.1:${set.primary.port}`);
  await expect(app.getByTestId('current-state')).toHaveText('connected');

  // Edit fills the Sentinel form, passwords left as stored.
  await again.getByRole('button', { name: 'Edit' }).click();
  await expect(app.getByTestId('topology-name')).toHaveValue(set.name);
  await expect(app.getByTestId('topology-sentinel-password')).toHaveAttribute('placeholder', 'saved');
  await app.getByTestId('topology-test').click();
  await expect(app.getByTestId('topology-outcome')).toContainText(`primary 127.0.0.1:${set.primary.port}`);
  await screenshot(app, 'connection-saved-sentinel-connected', 'light');
  await screenshot(app, 'connection-saved-sentinel-connected', 'dark');
});

test('saves a password-protected Cluster connection beside it and connects to it from the list', async ({
  page: app,
}) => {
  const cluster = await startTestCluster(3, 0, 'e2e-cluster-pw');
  try {
    await app.goto(serve.pageUrl);
    await app.getByTestId('nav-connection').click();
    await app.getByTestId('topology-cluster').check();
    await app.getByTestId('topology-nodes').fill(cluster.nodes[0]!);
    await app.getByTestId('topology-password').fill('e2e-cluster-pw');
    await app.getByTestId('topology-test').click();
    await expect(app.getByTestId('topology-outcome')).toContainText('3 primaries');
    await app.getByTestId('topology-save-name').fill('prod cluster');
    await app.getByTestId('topology-save').click();
    await expect(app.getByTestId('topology-outcome')).toHaveText('Saved as “prod cluster”');

    const item = app.locator('[data-testid="saved-connection"][data-name="prod cluster"]');
    await expect(item.getByTestId('saved-kind')).toHaveText('Cluster');
    await expect(item).toContainText('password saved');
    await item.getByTestId('saved-connect').click();
    await expect(app.getByTestId('current-url')).toHaveText(`redis-cluster://${cluster.nodes[0]}`);
    await expect(app.getByTestId('current-state')).toHaveText('connected');
    await app.getByRole('heading', { name: 'Saved connections' }).scrollIntoViewIfNeeded();
    await screenshot(app, 'connection-saved-list', 'light');
    await screenshot(app, 'connection-saved-list', 'dark');
    // Back on the embedded Redis before the cluster goes.
    await app.getByRole('button', { name: 'Use embedded Redis' }).click();
    await expect(app.getByTestId('current-url')).not.toContainText('redis-cluster://');
  } finally {
    await cluster.stop();
  }
});

test('connects to a TLS-only Cluster with a CA read from a file, saves it, and the saved one keeps the CA', async ({
  page: app,
}) => {
  const tls = makeTestTls();
  const cluster = await startTestCluster(3, 0, undefined, tls);
  try {
    await app.goto(serve.pageUrl);
    await app.getByTestId('nav-connection').click();
    await app.getByTestId('topology-cluster').check();
    await app.getByTestId('topology-nodes').fill(cluster.nodes[0]!);
    await app.getByTestId('topology-tls').check();
    // Without the CA the test says the certificate is not trusted and what to give.
    await app.getByTestId('topology-test').click();
    await expect(app.getByTestId('topology-outcome')).toContainText('not trusted; give the CA certificate');
    // The picker looks like the app's buttons; from the keyboard, Tab reaches it and Space opens the dialog.
    const ca = app.getByTestId('topology-tls-ca');
    const picker = app.getByTestId('topology-tls-ca-file');
    const options = app.locator('.topology-form .tls-options');
    await expect(options.getByText('Choose CA file…')).toBeVisible();
    await ca.focus();
    await app.keyboard.press('Tab');
    await expect(picker).toBeFocused();
    await screenshot(options, 'connection-tls-file-focused', 'light');
    const chooser = app.waitForEvent('filechooser');
    await app.keyboard.press('Space');
    await (await chooser).setFiles(tls.caFile);
    await expect(ca).toHaveValue(tls.ca.trim());
    await expect(app.getByTestId('topology-tls-ca-file-name')).toHaveText('ca.pem');
    await expect(options.getByText('Choose another file…')).toBeVisible();
    await screenshot(options, 'connection-tls-file-chosen', 'light');
    await screenshot(options, 'connection-tls-file-chosen', 'dark');
    // Remove clears the CA and the name; the same file can be read again.
    await app.getByRole('button', { name: 'Remove ca.pem' }).click();
    await expect(ca).toHaveValue('');
    await expect(app.getByTestId('topology-tls-ca-file-name')).toHaveCount(0);
    await picker.setInputFiles(tls.caFile);
    await expect(ca).toHaveValue(tls.ca.trim());
    // Editing the text by hand makes it no longer the file's.
    await ca.press('End');
    await ca.press('Space');
    await expect(app.getByTestId('topology-tls-ca-file-name')).toHaveCount(0);
    await picker.setInputFiles(tls.caFile);
    await app.getByTestId('topology-test').click();
    await expect(app.getByTestId('topology-outcome')).toContainText('3 primaries');
    await app.getByTestId('topology-save-name').fill('tls cluster');
    await app.getByTestId('topology-save').click();
    await expect(app.getByTestId('topology-outcome')).toHaveText('Saved as “tls cluster”');
    await app.getByTestId('topology-tls').scrollIntoViewIfNeeded();
    // The panel scrolls, not the window: the sidebar and status bar stay in place.
    expect(await app.evaluate('document.scrollingElement.scrollTop')).toBe(0);
    await screenshot(app, 'connection-cluster-tls', 'light');
    await screenshot(app, 'connection-cluster-tls', 'dark');

    // After a reload, Edit fills TLS and the CA back in, and the saved one connects.
    await app.reload();
    await app.getByTestId('nav-connection').click();
    const item = app.locator('[data-testid="saved-connection"][data-name="tls cluster"]');
    await expect(item).toContainText('TLS, own CA');
    await item.getByRole('button', { name: 'Edit' }).click();
    await expect(app.getByTestId('topology-tls')).toBeChecked();
    await expect(app.getByTestId('topology-tls-ca')).toHaveValue(tls.ca.trim());
    await item.getByTestId('saved-connect').click();
    await expect(app.getByTestId('current-url')).toHaveText(`redis-cluster://${cluster.nodes[0]}`);
    await expect(app.getByTestId('current-state')).toHaveText('connected');
    await app.getByRole('button', { name: 'Use embedded Redis' }).click();
    await expect(app.getByTestId('current-url')).not.toContainText('redis-cluster://');
  } finally {
    await cluster.stop();
  }
});
