import { Cluster } from 'ioredis';
import { startTestCluster, type TestCluster } from '../helpers/redis-cluster';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';

let cluster: TestCluster;
test.beforeAll(async () => {
  cluster = await startTestCluster(3, 0);
  const writer = new Cluster([{ host: '127.0.0.1', port: cluster.servers[0]!.port }]);
  for (let i = 0; i < 9; i++) await writer.set(`e2e:cl:${i}`, 'v');
  writer.disconnect();
});
// The serve is shared with the spec files after this one: give it back on its embedded Redis, not on a cluster
// about to be stopped (the next file's first test would find it reconnecting).
test.afterAll(async ({ serve }) => {
  const ws = await WsApi.open(serve.apiUrl);
  try {
    await ws.data('connection.connect', { mode: 'embedded' });
  } finally {
    ws.close();
  }
  await cluster?.stop();
});

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

test('the Workbench on a cluster: a node picker chooses the node the server pages and the console use', async ({
  app,
}) => {
  await app.getByTestId('nav-connection').click();
  await app.getByTestId('topology-cluster').check();
  await app.getByTestId('topology-nodes').fill(cluster.nodes[0]!);
  await app.getByTestId('topology-connect').click();
  await expect(app.getByTestId('topology-outcome')).toHaveText('Connected');
  const primaries = (await cluster.primaryPorts()).map((p) => `127.0.0.1:${p}`);

  await app.getByTestId('nav-workbench').click();
  await app.getByTestId('workbench-tab-info').click();
  const picker = app.getByTestId('node-picker-select');
  // The first primary to start with; its INFO shows its own port.
  await expect(picker).toHaveValue(primaries[0]!);
  const port = app.getByTestId('info-field-tcp_port').locator('td').first();
  await expect(port).toHaveText(primaries[0]!.split(':')[1]!);
  await picker.selectOption(primaries[2]!);
  await expect(port).toHaveText(primaries[2]!.split(':')[1]!);
  await screenshot(app, 'workbench-cluster-info', 'light');
  await screenshot(app, 'workbench-cluster-info', 'dark');

  // The slow log of every primary merged, each entry with its node.
  await cluster.node(Number(primaries[1]!.split(':')[1])).config('SET', 'slowlog-log-slower-than', '0');
  await cluster.node(Number(primaries[1]!.split(':')[1])).call('ECHO', 'e2e-slow');
  await app.getByTestId('workbench-tab-slowlog').click();
  await picker.selectOption('primaries');
  await expect(app.getByTestId('slowlog-merged')).toBeVisible();
  const row = app.getByTestId('slowlog-table').locator('tr', { hasText: 'e2e-slow' }).first();
  await expect(row).toContainText(primaries[1]!);
  await screenshot(app, 'workbench-cluster-slowlog', 'dark');

  // The console: a keyless command on the node picked, one with a key on its slot's node; both say which.
  await app.getByTestId('workbench-tab-console').click();
  await expect(picker).toHaveValue(primaries[2]!);
  const input = app.getByTestId('console-input');
  await input.fill('DBSIZE');
  await input.press('Enter');
  const entries = app.getByTestId('console-entry');
  await expect(entries.last().getByTestId('console-node')).toHaveText(`@ ${primaries[2]}`);
  await input.fill('GET e2e:cl:0');
  await input.press('Enter');
  await expect(entries).toHaveCount(2);
  const node = entries.last().getByTestId('console-node');
  await expect(node).toHaveText(/^@ 127\.0\.0\.1:\d+$/);
  const answered = (await node.textContent())!.replace('@ ', '');
  expect(await cluster.node(Number(answered.split(':')[1])).exists('e2e:cl:0')).toBe(1);
  await screenshot(app, 'workbench-cluster-console', 'light');
  await screenshot(app, 'workbench-cluster-console', 'dark');
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
