import { Cluster } from 'ioredis';
import { startTestCluster, type TestCluster } from '../helpers/redis-cluster';
import { startTestSentinels, type TestSentinels } from '../helpers/redis-sentinel';
import { expect, screenshot, test } from './fixtures';

let cluster: TestCluster | undefined;
let sentinels: TestSentinels | undefined;
// The serve process outlives this file: leave it on its embedded Redis, as the next file expects.
test.afterEach(async ({ app }) => {
  await app.getByTestId('nav-connection').click();
  await app.getByTestId('embedded-connect').click();
  await expect(app.getByTestId('current-url')).toContainText('Embedded Redis');
  await cluster?.stop();
  await sentinels?.stop();
  cluster = sentinels = undefined;
});

test('a cluster primary killed: the banner says which node fails over, then goes; keys stay browsable', async ({
  app,
}) => {
  test.setTimeout(120_000);
  cluster = await startTestCluster(3, 1);
  const writer = new Cluster([{ host: '127.0.0.1', port: cluster.servers[0]!.port }]);
  for (let i = 0; i < 30; i++) await writer.set(`e2e:fo:${i}`, `v${i}`);
  writer.disconnect();

  await app.getByTestId('nav-connection').click();
  await app.getByTestId('topology-cluster').check();
  await app.getByTestId('topology-nodes').fill(cluster.nodes[0]!);
  await app.getByTestId('topology-connect').click();
  await expect(app.getByTestId('topology-outcome')).toHaveText('Connected');

  await app.getByTestId('nav-keys').click();
  const rows = app.locator('[data-testid="key-row"][data-key^="e2e:fo:"]');
  await expect(rows).toHaveCount(30);
  // A key of the primary about to die (not the seed node, which the test asks for the roles)
  const seed = cluster.servers[0]!.port;
  const primaries = await cluster.primaryPorts();
  const victim = primaries.find((p) => p !== seed)!;
  const [heir] = await cluster.replicaPorts(victim);
  const onVictim = rows.filter({ has: app.getByTestId('key-slot').getByText(new RegExp(`@:${victim}$`)) });
  const key = (await onVictim.first().getAttribute('data-key'))!;
  const healthy = rows.filter({ hasNot: app.getByTestId('key-slot').getByText(new RegExp(`@:${victim}$`)) });
  const healthyKey = (await healthy.first().getAttribute('data-key'))!;
  // No node fails the victim over (its replica waits) until the test lowers the timeout again.
  const timeout = (ports: number[], ms: number): Promise<unknown> =>
    Promise.all(ports.map((p) => cluster!.node(p).config('SET', 'cluster-node-timeout', String(ms))));
  await timeout(
    cluster.servers.map((s) => s.port),
    600_000,
  );

  await cluster.servers.find((s) => s.port === victim)!.kill();
  const banner = app.getByTestId('connection-banner');
  await expect(banner).toHaveText(
    new RegExp(`^Failing over: node 127\\.0\\.0\\.1:${victim} lost; waiting for its replica to take over`),
    { timeout: 15_000 },
  );
  await expect(app.getByTestId('status-state')).toHaveText('Connected, failing over…');
  // The other primaries' keys still open meanwhile; the lost node's say why they do not
  await app.locator(`[data-testid="key-row"][data-key="${healthyKey}"]`).click();
  await expect(app.getByTestId('detail-key')).toHaveText(healthyKey);
  await expect(app.locator('.keys-right')).toContainText(`v${healthyKey.split(':')[2]}`);
  await app.locator(`[data-testid="key-row"][data-key="${key}"]`).click();
  await expect(app.getByTestId('detail-error')).toContainText(
    `its primary 127.0.0.1:${victim} is lost and its replica has not taken over yet`,
  );
  await screenshot(app, 'failover-banner-cluster', 'light');
  await screenshot(app, 'failover-banner-cluster', 'dark');

  await timeout(
    cluster.servers.map((s) => s.port).filter((p) => p !== victim),
    2000,
  );
  await expect(banner).toBeHidden({ timeout: 30_000 });
  await expect(app.getByTestId('status-state')).toHaveText('Connected');
  expect(await cluster.primaryPorts(seed)).toContain(heir);
  // The list is walked again on the new map: the key now shows on the promoted replica, and opens
  const row = app.locator(`[data-testid="key-row"][data-key="${key}"]`);
  await expect(row.getByTestId('key-slot')).toHaveText(new RegExp(`@:${heir}$`));
  await expect(rows).toHaveCount(30);
  await row.click();
  await expect(app.getByTestId('detail-key')).toHaveText(key);
  await expect(app.getByTestId('detail-error')).toBeHidden();
  await expect(app.locator('.keys-right')).toContainText(`v${key.split(':')[2]}`);
});

test('a Sentinel primary killed: the same banner while the sentinels promote the replica', async ({
  app,
}) => {
  test.setTimeout(90_000);
  sentinels = await startTestSentinels();
  await app.getByTestId('nav-connection').click();
  await app.getByTestId('topology-sentinel').check();
  await app.getByTestId('topology-nodes').fill(sentinels.sentinels.join('\n'));
  await app.getByTestId('topology-name').fill(sentinels.name);
  await app.getByTestId('topology-connect').click();
  await expect(app.getByTestId('topology-outcome')).toHaveText(
    `Connected, primary 127.0.0.1:${sentinels.primary.port}`,
  );

  await sentinels.primary.kill();
  const banner = app.getByTestId('connection-banner');
  await expect(banner).toHaveText(
    new RegExp(
      `^Failing over: primary 127\\.0\\.0\\.1:${sentinels.primary.port} lost; following the sentinels to the new one`,
    ),
    { timeout: 15_000 },
  );
  await screenshot(app, 'failover-banner-sentinel', 'light');
  await expect(banner).toBeHidden({ timeout: 30_000 });
  await expect(app.getByTestId('status-state')).toHaveText('Connected');
  expect(await sentinels.primaryPort()).toBe(sentinels.replica.port);
});
