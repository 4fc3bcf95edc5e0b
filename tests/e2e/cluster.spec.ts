import { Cluster } from 'ioredis';
import { startTestCluster, type TestCluster } from '../helpers/redis-cluster';
import { expect, screenshot, test } from './fixtures';

let cluster: TestCluster;
test.beforeAll(async () => {
  cluster = await startTestCluster(3, 0);
  const writer = new Cluster([{ host: '127.0.0.1', port: cluster.servers[0]!.port }]);
  for (let i = 0; i < 9; i++) await writer.set(`e2e:cl:${i}`, 'v');
  writer.disconnect();
});
test.afterAll(async () => cluster?.stop());

test('validates the Cluster form, connects to a cluster and lists keys with their slot and node', async ({
  app,
}) => {
  await app.getByTestId('nav-connection').click();
  await app.getByTestId('topology-cluster').check();
  await app.getByTestId('topology-nodes').fill('not-an-address');
  await app.getByTestId('topology-connect').click();
  await expect(app.getByText('“not-an-address” is not host:port')).toBeVisible();

  await app.getByTestId('topology-nodes').fill(cluster.nodes[0]!);
  await app.getByTestId('topology-connect').click();
  await expect(app.getByTestId('topology-outcome')).toHaveText('Connected');
  await expect(app.getByTestId('current-url')).toContainText('redis-cluster://');
  await screenshot(app, 'connection-cluster-form', 'light');

  await app.getByTestId('nav-keys').click();
  const rows = app.locator('[data-testid="key-row"][data-key^="e2e:cl:"]');
  await expect(rows).toHaveCount(9);
  const row = rows.first();
  const key = (await row.getAttribute('data-key'))!;
  const slot = Number(await cluster.node(cluster.servers[0]!.port).cluster('KEYSLOT', key));
  const text = (await row.getByTestId('key-slot').textContent())!;
  expect(text).toMatch(new RegExp(`^${slot}@:\\d+$`));
  // The node shown holds the key (asked directly, no redirection).
  expect(await cluster.node(Number(text.split('@:')[1])).exists(key)).toBe(1);
  await screenshot(app, 'keys-cluster', 'light');
  await screenshot(app, 'keys-cluster', 'dark');
});

test('the Sentinel form asks for a master name and valid sentinel addresses', async ({ app }) => {
  await app.getByTestId('nav-connection').click();
  await app.getByTestId('topology-sentinel').check();
  await app.getByTestId('topology-name').fill('');
  await app.getByTestId('topology-connect').click();
  await expect(app.getByText('Give at least one sentinel')).toBeVisible();
  await expect(app.getByText('The master name the sentinels monitor')).toBeVisible();
  await screenshot(app, 'connection-sentinel-form', 'dark');
});
