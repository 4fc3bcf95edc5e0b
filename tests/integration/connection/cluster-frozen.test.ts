import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_CHECK_MS } from '../../../src/core/connection/cluster-health';
import { CoreHost } from '../../../src/core/host';
import { slotOf } from '../../../src/core/keys/cluster/primaries';
import type { ClusterNodeInfo, ConnectionStatus } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import type { TestRedis } from '../../helpers/redis-server';
import { data } from '../worker/helpers';

let cluster: TestCluster;
let host: CoreHost;
let victim: TestRedis | undefined;
const seen: ConnectionStatus[] = [];

beforeAll(async () => {
  cluster = await startTestCluster(3, 1);
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-frozen-')) });
  host.onEvent((event, payload) => {
    if (event === 'connection.changed') seen.push(payload as ConnectionStatus);
  });
  await data(host, 'connection.connect', { mode: 'cluster', nodes: [cluster.nodes[0]] });
}, 90_000);
afterAll(async () => {
  victim?.resume();
  await host?.close();
  await cluster?.stop();
});

/** Calls of CLUSTER NODES every node but `frozen` has answered (a frozen node answers nothing). */
async function clusterNodesCalls(frozen: number): Promise<number> {
  const counts = await Promise.all(
    cluster.servers
      .filter((s) => s.port !== frozen)
      .map(async (s) => {
        const stats = await cluster.node(s.port).info('commandstats');
        return Number(/cmdstat_cluster\|nodes:calls=(\d+)/.exec(stats)?.[1] ?? 0);
      }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

describe('a frozen primary (its process stopped, its sockets open)', () => {
  it('shows as lost, the way the other nodes see it, until its replica takes over', async () => {
    const askPort = cluster.servers[0]!.port;
    const port = (await cluster.primaryPorts()).find((p) => p !== askPort)!;
    const [heir] = await cluster.replicaPorts(port);
    victim = cluster.servers.find((s) => s.port === port)!;
    const address = `127.0.0.1:${port}`;
    const { nodes } = await data<{ nodes: ClusterNodeInfo[] }>(host, 'connection.nodes', {});
    const held = nodes.find((n) => n.address === address)!.slots;
    let key = 'k0';
    for (let i = 0; !held.some(([a, b]) => slotOf(key) >= a && slotOf(key) <= b); i++) key = `k${i}`;
    await host.connection.client().set(key, 'before');
    // Its replica waits to be told: the loss can be seen before the failover, however slow the poll.
    await cluster.node(heir!).config('SET', 'cluster-replica-no-failover', 'yes');
    const asksBefore = await clusterNodesCalls(port);
    const frozenAt = Date.now();
    victim.pause();

    await waitUntil(
      () =>
        seen.some(
          (s) =>
            s.state === 'connected' &&
            s.lostNodes?.some((n) => n.address === address && n.slots.length > 0) &&
            !!s.note?.startsWith(`failing over: node ${address} lost; waiting for its replica to take over`),
        ),
      // Redis flags it within the node timeout (2 s here), QueueDesk sees that within a poll or two.
      2 * HEALTH_CHECK_MS + 10_000,
      50,
    );
    // Idle, the cluster is asked CLUSTER NODES once per poll (an unanswered ask moves to the next node).
    const seconds = (Date.now() - frozenAt) / 1000;
    expect((await clusterNodesCalls(port)) - asksBefore).toBeLessThanOrEqual(
      Math.ceil(seconds / (HEALTH_CHECK_MS / 1000)) + 2,
    );
    // Its slots fail at once, saying so, rather than waiting on the frozen node.
    const refused = await host.call('keys.get', { key });
    expect(refused).toMatchObject({ ok: false });
    if (!refused.ok) expect(refused.error.message).toMatch(/is lost and its replica has not taken over yet/);

    await cluster.node(heir!).config('SET', 'cluster-replica-no-failover', 'no');
    await waitUntil(() => !host.connection.status().lostNodes, 30_000, 50);
    expect(host.connection.status()).toMatchObject({ state: 'connected', mode: 'cluster' });
    expect(host.connection.status().note).toBeUndefined();
    expect(await cluster.primaryPorts(askPort)).toContain(heir);
    expect(await data(host, 'keys.get', { key })).toMatchObject({ value: { kind: 'string' } });
    await data(host, 'keys.setString', { key, value: 'after' });
    expect(await cluster.node(heir!).get(key)).toBe('after');
  }, 90_000);
});
