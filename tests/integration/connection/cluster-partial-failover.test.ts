import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import { slotOf } from '../../../src/core/keys/cluster/primaries';
import type {
  ClusterNodeInfo,
  ConnectionStatus,
  ConsoleRunResult,
  KeyDetails,
  ScanAllEvent,
  ScanPage,
  ServerInfo,
} from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { data } from '../worker/helpers';

let cluster: TestCluster;
let host: CoreHost;
const seen: ConnectionStatus[] = [];
const batches: ScanAllEvent[] = [];
const KEYS = 60;

beforeAll(async () => {
  cluster = await startTestCluster(3, 1);
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-partial-')) });
  host.onEvent((event, payload) => {
    if (event === 'connection.changed') seen.push(payload as ConnectionStatus);
    if (event === 'keys.scanBatch') batches.push(payload as ScanAllEvent);
  });
  await data(host, 'connection.connect', { mode: 'cluster', nodes: [cluster.nodes[0]] });
  const app = new Cluster([{ host: '127.0.0.1', port: cluster.servers[0]!.port }]);
  for (let i = 0; i < KEYS; i++) await app.set(`pf:${i}`, `v${i}`);
  app.disconnect();
}, 90_000);
afterAll(async () => {
  await host?.close();
  await cluster?.stop();
});

/** Every node's cluster-node-timeout: how long a silent primary goes before the cluster fails it over. */
async function nodeTimeout(ports: number[], ms: number): Promise<void> {
  await Promise.all(ports.map((p) => cluster.node(p).config('SET', 'cluster-node-timeout', String(ms))));
}

describe('a Redis Cluster primary lost, before its replica takes over', () => {
  it('keeps the other primaries working, refuses its slots clearly, and is whole after the promotion', async () => {
    const seed = cluster.servers[0]!.port;
    const victim = (await cluster.primaryPorts()).find((p) => p !== seed)!;
    const [heir] = await cluster.replicaPorts(victim);
    const { nodes } = await data<{ nodes: ClusterNodeInfo[] }>(host, 'connection.nodes', {});
    const victimSlots = nodes.find((n) => n.address === `127.0.0.1:${victim}`)!.slots;
    const onVictim = (key: string): boolean =>
      victimSlots.some(([a, b]) => slotOf(key) >= a && slotOf(key) <= b);
    const keys = Array.from({ length: KEYS }, (_, i) => `pf:${i}`);
    const lostKey = keys.find(onVictim)!;
    const healthyKey = keys.find((k) => !onVictim(k))!;
    // No node flags the victim failing (so its replica waits) until the test lowers the timeout again.
    const ports = cluster.servers.map((s) => s.port);
    await nodeTimeout(ports, 600_000);

    const before = seen.length;
    await cluster.servers.find((s) => s.port === victim)!.kill();
    await waitUntil(() => !!host.connection.status().note?.startsWith('failing over'), 15_000);

    // The status tells the failover, and stays connected: two thirds of the slots are served
    const status = host.connection.status();
    expect(status).toMatchObject({
      state: 'connected',
      mode: 'cluster',
      lostNodes: [{ address: `127.0.0.1:${victim}`, slots: victimSlots }],
    });
    expect(status.note).toMatch(
      new RegExp(`^failing over: node 127\\.0\\.0\\.1:${victim} lost; waiting for its replica to take over`),
    );
    const stateNow = await data<ConnectionStatus>(host, 'connection.status', {});
    expect(stateNow.lostNodes).toEqual(status.lostNodes);

    // Keys and commands of the healthy primaries work meanwhile
    const got = await data<KeyDetails>(host, 'keys.get', { key: healthyKey });
    expect(got).toMatchObject({ value: { kind: 'string' } });
    await data(host, 'keys.setString', { key: healthyKey, value: 'during' });
    const ran = await data<ConsoleRunResult>(host, 'console.run', { line: `GET ${healthyKey}` });
    expect(ran.reply).toEqual({ type: 'string', value: 'during' });

    // The keys walk lists the healthy primaries' keys, and the server figures sum them
    const listed: string[] = [];
    let cursor = '0';
    do {
      const page = await data<ScanPage>(host, 'keys.scan', { cursor, match: 'pf:*', count: 100 });
      listed.push(...page.keys.map((k) => k.key));
      cursor = page.cursor;
    } while (cursor !== '0');
    expect(listed.sort()).toEqual(keys.filter((k) => !onVictim(k)).sort());
    const { scanId } = await data<{ scanId: string }>(host, 'keys.scanAll', { match: 'pf:*', share: 1 });
    await waitUntil(() => batches.some((b) => b.scanId === scanId && b.done), 10_000);
    const walked = batches.filter((b) => b.scanId === scanId);
    expect(walked.at(-1)!.error).toBeUndefined();
    expect(walked.at(-1)!.nodes!.map((n) => n.node)).not.toContain(`127.0.0.1:${victim}`);
    expect(walked.flatMap((b) => b.keys.map((k) => k.key)).sort()).toEqual(listed);
    const info = await data<ServerInfo>(host, 'server.info', {});
    expect(info.keyspace.db0?.keys).toBe(keys.filter((k) => !onVictim(k)).length);

    // A key of the lost node's slots gets an error that says why
    const refused = await host.call('keys.get', { key: lostKey });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('REDIS_ERROR');
    expect(refused.error.message).toMatch(
      new RegExp(
        `^slot ${slotOf(lostKey)} is unavailable: its primary 127\\.0\\.0\\.1:${victim} is lost and its replica has not taken over yet`,
      ),
    );
    const ranThere = await host.call('console.run', { line: `GET ${lostKey}` });
    expect(ranThere).toMatchObject({
      ok: false,
      error: {
        code: 'REDIS_ERROR',
        message: expect.stringMatching(
          new RegExp(`^node 127\\.0\\.0\\.1:${victim} is lost and its replica has not taken over yet`),
        ),
      },
    });
    expect(host.connection.status().lostNodes).toBeDefined(); // all of the above happened inside the failover

    // The survivors notice the victim again: its replica takes over, and the cluster is whole
    await nodeTimeout(
      ports.filter((p) => p !== victim),
      2000,
    );
    await waitUntil(() => !host.connection.status().lostNodes, 30_000, 50);
    expect(await cluster.primaryPorts(seed)).toContain(heir);
    expect(seen.at(-1)).toMatchObject({ state: 'connected', mode: 'cluster' });
    expect(seen.at(-1)!.note).toBeUndefined();
    expect(seen.at(-1)!.lostNodes).toBeUndefined();
    // Never was the whole connection taken for lost
    expect(seen.slice(before).filter((s) => s.state !== 'connected')).toEqual([]);

    // The lost slots work again, on the promoted replica
    expect(await data<KeyDetails>(host, 'keys.get', { key: lostKey })).toMatchObject({
      value: { kind: 'string' },
    });
    await data(host, 'keys.setString', { key: lostKey, value: 'after' });
    expect(await cluster.node(heir!).get(lostKey)).toBe('after');
    expect(await data<KeyDetails>(host, 'keys.get', { key: healthyKey })).toMatchObject({
      value: { kind: 'string' },
    });
  }, 90_000);

  it('a walk of every key that is running when a primary dies lists the other primaries to the end', async () => {
    const seed = cluster.servers[0]!.port;
    const app = new Cluster([{ host: '127.0.0.1', port: seed }]);
    const bulk = Array.from({ length: 4500 }, (_, i) => `walk:${i}`);
    for (let i = 0; i < bulk.length; i += 500)
      await Promise.all(bulk.slice(i, i + 500).map((k) => app.set(k, '1')));
    app.disconnect();
    const victim = (await cluster.primaryPorts(seed)).find((p) => p !== seed)!;
    const { nodes } = await data<{ nodes: ClusterNodeInfo[] }>(host, 'connection.nodes', {});
    const victimSlots = nodes.find((n) => n.address === `127.0.0.1:${victim}`)!.slots;
    const onVictim = (key: string): boolean =>
      victimSlots.some(([a, b]) => slotOf(key) >= a && slotOf(key) <= b);

    // A slow walk (a few keys a page, 1 % of each primary's time): the victim dies while it runs
    const { scanId } = await data<{ scanId: string }>(host, 'keys.scanAll', {
      match: 'walk:*',
      count: 5,
      share: 0.01,
    });
    const ours = (): ScanAllEvent[] => batches.filter((b) => b.scanId === scanId);
    await waitUntil(() => ours().some((b) => b.keys.length > 0), 10_000);
    expect(ours().some((b) => b.done)).toBe(false);
    await cluster.servers.find((s) => s.port === victim)!.kill();
    // The slow pace only had to outlast the kill: the rest goes at the fastest pace allowed, so a loaded machine
    // (where each page's measured cost, and so each pause, grows) still ends the walk in time.
    await data(host, 'keys.scanPace', { scanId, share: 0.5 });
    await waitUntil(() => ours().some((b) => b.done), 60_000, 50);

    const end = ours().at(-1)!;
    expect(end.error).toBeDefined(); // the victim's part could not finish, and the walk says so
    for (const node of end.nodes!)
      expect({ node: node.node, done: node.done }).toEqual({
        node: node.node,
        done: node.node !== `127.0.0.1:${victim}`,
      });
    const walked = new Set(ours().flatMap((b) => b.keys.map((k) => k.key)));
    expect(bulk.filter((k) => !onVictim(k) && !walked.has(k))).toEqual([]);
  }, 90_000);
});
