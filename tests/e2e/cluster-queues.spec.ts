import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { startTestCluster, type TestCluster } from '../helpers/redis-cluster';
import { WsApi } from '../helpers/ws-api';
import { expect, screenshot, test } from './fixtures';

let cluster: TestCluster;
let app: Cluster;
test.beforeAll(async () => {
  cluster = await startTestCluster(3, 0);
  app = new Cluster([{ host: '127.0.0.1', port: cluster.servers[0]!.port }]);
  const queue = new Queue('e2e-cluster-mail', { connection: app, prefix: '{bull}' });
  await queue.addBulk([1, 2, 3].map((n) => ({ name: 'send', data: { n } })));
  await queue.close();
});
// The serve is shared with later spec files: back on its embedded Redis before the cluster goes away.
test.afterAll(async ({ serve }) => {
  app?.disconnect();
  const ws = await WsApi.open(serve.apiUrl);
  await ws.data('connection.connect', { mode: 'embedded' }).finally(() => ws.close());
  await cluster?.stop();
});

test('on a cluster the Queues page says to use a hash-tagged prefix, and lists the queues under {bull}', async ({
  app: page,
}) => {
  await page.getByTestId('nav-connection').click();
  await page.getByTestId('topology-cluster').check();
  await page.getByTestId('topology-nodes').fill(cluster.nodes[0]!);
  await page.getByTestId('topology-connect').click();
  await expect(page.getByTestId('topology-outcome')).toHaveText('Connected');

  await page.getByTestId('nav-queues').click();
  const list = page.getByRole('navigation', { name: 'Queues' });
  await expect(
    list.getByText(/prefix "bull" has no hash tag.*use a prefix in braces such as "\{bull\}"/),
  ).toBeVisible();
  await screenshot(page, 'queues-cluster-untagged', 'light');

  await page.getByTestId('queue-prefix').fill('{bull}');
  await page.getByTestId('queue-prefix').press('Enter');
  const item = page.locator('[data-testid="queue-item"][data-queue="e2e-cluster-mail"]');
  await expect(item).toBeVisible();
  await expect(item.locator('[title="waiting"]')).toContainText('3');
  await expect(page.getByText(/has no hash tag/)).toHaveCount(0); // every panel of the page moved on
  await item.click();
  await screenshot(page, 'queues-cluster', 'light');
  await screenshot(page, 'queues-cluster', 'dark');
});
