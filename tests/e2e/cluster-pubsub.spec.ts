import keySlot from 'cluster-key-slot';
import { Cluster } from 'ioredis';
import { startTestCluster, type TestCluster } from '../helpers/redis-cluster';
import type { PubSubStatus } from '../../src/shared/contract';
import { WsApi } from '../helpers/ws-api';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

let cluster: TestCluster;
/** Hash slot → the port of the primary serving it. */
const owner = new Map<number, number>();

test.beforeAll(async () => {
  cluster = await startTestCluster(3, 0);
  const slots = await cluster.node(cluster.servers[0]!.port).cluster('SLOTS');
  for (const [from, to, [, port]] of slots) for (let s = from; s <= to; s++) owner.set(s, port);
});
test.afterAll(async () => cluster?.stop());
// The serve process is shared by the specs that follow: leave it on its embedded Redis again.
test.afterEach(async ({ serve }) => {
  const api = await WsApi.open(serve.apiUrl);
  const { channels, patterns, shardChannels } = await api.data<PubSubStatus>('pubsub.status');
  if (channels.length + patterns.length + shardChannels.length > 0)
    await api.data('pubsub.unsubscribe', { channels, patterns, shardChannels });
  await api.data('connection.connect', { mode: 'embedded' });
  api.close();
});

async function connectCluster(app: Page): Promise<void> {
  await app.getByTestId('nav-connection').click();
  await app.getByTestId('topology-cluster').check();
  await app.getByTestId('topology-nodes').fill(cluster.nodes[0]!);
  await app.getByTestId('topology-connect').click();
  await expect(app.getByTestId('topology-outcome')).toHaveText('Connected');
}

/** Two shard channel names whose slots live on different primaries. */
function twoShards(): [string, string] {
  const first = 'orders:eu';
  for (let i = 0; ; i++) {
    const other = `orders:us${i}`;
    if (owner.get(keySlot(other)) !== owner.get(keySlot(first))) return [first, other];
  }
}

test('subscribes to shard channels on a cluster and sees SPUBLISH from the form and from another client', async ({
  app,
}) => {
  await connectCluster(app);

  await app.getByTestId('nav-pubsub').click();
  const [eu, us] = twoShards();
  for (const name of [eu, us]) {
    await app.getByTestId('pubsub-sub-kind').selectOption('shardChannels');
    await app.getByTestId('pubsub-sub-input').fill(name);
    await app.getByTestId('pubsub-sub-add').click();
    await expect(app.getByTestId('pubsub-chips')).toContainText(name);
  }
  await expect(app.getByTestId('pubsub-state')).toContainText('Subscriber ready');

  await app.getByTestId('pubsub-pub-channel').fill(eu);
  await app.getByTestId('pubsub-pub-payload').fill('{"order":1,"region":"eu"}');
  await app.getByTestId('pubsub-pub-shard').check();
  await app.getByTestId('pubsub-pub-send').click();
  await expect(app.getByTestId('pubsub-pub-outcome')).toHaveText('Delivered to 1 subscriber');

  const other = new Cluster([{ host: '127.0.0.1', port: cluster.servers[0]!.port }]);
  expect(await other.spublish(us, '{"order":2,"region":"us"}')).toBe(1);
  other.disconnect();

  const rows = app.getByTestId('pubsub-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(us);
  await expect(rows.nth(1)).toContainText(eu);
  for (const i of [0, 1]) await expect(rows.nth(i)).toContainText('shard');
  await screenshot(app, 'pubsub-cluster-shard', 'light');
  await screenshot(app, 'pubsub-cluster-shard', 'dark');
});

test('the profiler on a cluster shows which node ran each command', async ({ app }) => {
  await connectCluster(app);

  await app.getByTestId('nav-workbench').click();
  await app.getByTestId('workbench-tab-profiler').click();
  await expect(app.getByTestId('profiler-node')).toHaveValue('');
  await app.getByTestId('profiler-start').click();
  await expect(app.getByTestId('profiler-stop')).toBeVisible();
  // The button shows at once; MONITOR is on once every primary has QueueDesk's monitoring connection (flag O).
  for (const s of cluster.servers) {
    const admin = s.client();
    await expect
      .poll(async () =>
        String(await admin.client('LIST'))
          .split('\n')
          .some((l) => l.includes('name=queuedesk:profiler') && / flags=\w*O/.test(l)),
      )
      .toBe(true);
  }
  for (const s of cluster.servers) {
    const app2 = s.client({ connectionName: 'the-app' });
    await app2.echo(`e2e:prof:${s.port}`);
  }
  for (const s of cluster.servers) {
    const line = app.getByTestId('profiler-line').filter({ hasText: `e2e:prof:${s.port}` });
    await expect(line.getByTestId('profiler-line-node')).toHaveText(`127.0.0.1:${s.port}`);
  }
  await screenshot(app, 'workbench-profiler-cluster', 'light');
  await app.getByTestId('profiler-stop').click();
});
