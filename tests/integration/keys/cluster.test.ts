import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus, KeyRow, ScanAllEvent, ScanPage } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { data } from '../worker/helpers';

let cluster: TestCluster;
let host: CoreHost;
const batches: ScanAllEvent[] = [];
const KEYS = 300;

beforeAll(async () => {
  cluster = await startTestCluster(3, 0);
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-host-')) });
  host.onEvent((event, payload) => {
    if (event === 'keys.scanBatch') batches.push(payload as ScanAllEvent);
  });
  // One seed node is enough: the client finds the others.
  const status = await data<ConnectionStatus>(host, 'connection.connect', {
    mode: 'cluster',
    nodes: [cluster.nodes[0]],
  });
  expect(status).toMatchObject({ state: 'connected', mode: 'cluster' });
  const redis = host.connection.client();
  for (let i = 0; i < KEYS; i++) await redis.set(`c:${i}`, String(i));
}, 60_000);
afterAll(async () => {
  await host?.close();
  await cluster?.stop();
});

/** Keys each primary holds, asked of the node itself. */
async function sizes(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const port of await cluster.primaryPorts())
    out.set(`127.0.0.1:${port}`, await cluster.node(port).dbsize());
  return out;
}

describe('Keys on a Redis Cluster', () => {
  it('refuses a cluster target without nodes or with a bad address', async () => {
    for (const nodes of [[], ['127.0.0.1'], ['127.0.0.1:99999']]) {
      expect(await host.call('connection.connect', { mode: 'cluster', nodes })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(host.connection.status().mode).toBe('cluster');
  });

  it('pages through every primary; each key carries its slot and the node that holds it', async () => {
    const rows: KeyRow[] = [];
    let cursor = '0';
    const nodesSeen = new Set<string>();
    do {
      const page = await data<ScanPage>(host, 'keys.scan', { cursor, match: 'c:*', count: 50 });
      rows.push(...page.keys);
      page.keys.forEach((k) => nodesSeen.add(k.node!));
      cursor = page.cursor;
    } while (cursor !== '0');
    const perNode = await sizes();
    expect(nodesSeen).toEqual(new Set(perNode.keys()));
    expect(new Set(rows.map((r) => r.key)).size).toBe(KEYS);
    for (const row of rows.slice(0, 20)) {
      const slot = Number(await cluster.node(cluster.servers[0]!.port).cluster('KEYSLOT', row.key));
      expect(row.slot).toBe(slot);
      // The node named holds it: asked directly, without redirection.
      const port = Number(row.node!.split(':')[1]);
      expect(await cluster.node(port).exists(row.key)).toBe(1);
    }
    const bad = await host.call('keys.scan', { cursor: '9:0' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('walks the whole keyspace with progress per node; counts are the sum of the primaries', async () => {
    const { scanId, total } = await data<{ scanId: string; total: number }>(host, 'keys.scanAll', {});
    const perNode = await sizes();
    expect(total).toBe([...perNode.values()].reduce((a, b) => a + b, 0));
    // The status bar's count is the cluster's, not one node's
    const info = await data<{ keyspace: { db0?: { keys: number } } }>(host, 'server.info', {});
    expect(info.keyspace.db0?.keys).toBe(total);
    await waitUntil(() => batches.some((b) => b.scanId === scanId && b.done));
    const mine = batches.filter((b) => b.scanId === scanId);
    const last = mine.at(-1)!;
    expect(last).toMatchObject({ seen: total, total, progress: 1, done: true });
    expect(last.error).toBeUndefined();
    for (const n of last.nodes!)
      expect(n).toMatchObject({ total: perNode.get(n.node), seen: perNode.get(n.node), done: true });
    expect(mine.flatMap((b) => b.keys).every((k) => k.slot !== undefined && k.node)).toBe(true);
  });

  it('reads, edits, sets TTLs and deletes keys on whichever node holds them', async () => {
    expect(await data(host, 'keys.get', { key: 'c:7' })).toMatchObject({ value: { value: '7' } });
    await data(host, 'keys.setString', { key: 'c:7', value: 'seven' });
    expect(await host.connection.client().get('c:7')).toBe('seven');
    expect(await data(host, 'keys.setTtl', { key: 'c:8', ttlMs: 60_000 })).toMatchObject({
      ttlMs: expect.any(Number),
    });
    expect(await host.connection.client().pttl('c:8')).toBeGreaterThan(0);
    // Keys in different slots, deleted in one call (no CROSSSLOT)
    expect(await data(host, 'keys.delete', { keys: ['c:1', 'c:2', 'c:3', 'c:4'] })).toEqual({ deleted: 4 });
    for (const k of ['c:1', 'c:2', 'c:3', 'c:4']) expect(await host.connection.client().exists(k)).toBe(0);
  });

  it('deletes by pattern across every node', async () => {
    const redis = host.connection.client();
    for (let i = 0; i < 60; i++) await redis.set(`del:${i}`, 'x');
    const counted = await data<{ count: number }>(host, 'keys.countPattern', { match: 'del:*' });
    expect(counted).toEqual({ count: 60 });
    expect(await data(host, 'keys.deletePattern', { match: 'del:*', opId: 'd1' })).toEqual({ deleted: 60 });
    for (const port of await cluster.primaryPorts())
      expect(await cluster.node(port).keys('del:*')).toEqual([]);
  });

  it('answers UNSUPPORTED, saying why, for what needs one server', async () => {
    const calls: Array<[string, unknown]> = [
      ['console.run', { line: 'PING' }],
      ['queues.list', {}],
      ['workers.start', { queues: ['q'] }],
    ];
    for (const [method, params] of calls) {
      const r = await host.call(method, params);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
      if (!r.ok) expect(r.error.message).toMatch(/cluster/i);
    }
    expect(host.connection.status()).toMatchObject({ state: 'connected', mode: 'cluster' });
  });
});
