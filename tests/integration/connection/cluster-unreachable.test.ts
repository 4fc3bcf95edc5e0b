import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnyClient } from '../../../src/core/connection/client-factory';
import { CoreHost } from '../../../src/core/host';
import type { ConnectionStatus } from '../../../src/shared/contract';
import { startClusterNode } from '../../helpers/redis-cluster';
import { freePort, startTestRedis, type TestRedis } from '../../helpers/redis-server';

/** The standalone connect's bound (5 s and a margin) plus the seeds' own reasons stay under this. */
const BOUND_MS = 10_000;

let previous: TestRedis;
let frozen: TestRedis[] = [];
let host: CoreHost;

beforeAll(async () => {
  previous = await startTestRedis();
  frozen = [(await startClusterNode()).server, (await startClusterNode()).server];
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-unreachable-')) });
  const r = await host.call('connection.connect', { mode: 'url', url: previous.url });
  if (!r.ok) throw new Error(r.error.message);
}, 30_000);
afterAll(async () => {
  for (const node of frozen) node.resume();
  await host?.close();
  await Promise.all([previous, ...frozen].map((s) => s?.stop()));
});

async function timedConnect(nodes: string[]): Promise<{ ms: number; message: string }> {
  const started = Date.now();
  const r = await host.call('connection.connect', { mode: 'cluster', nodes });
  const ms = Date.now() - started;
  if (r.ok) throw new Error(`connected to ${nodes.join(', ')}`);
  return { ms, message: r.error.message };
}

describe('a cluster connect where no seed node is reachable', () => {
  it(
    'fails within the bound naming every node tried, and the previous connection stays',
    async () => {
      const before: ConnectionStatus = host.connection.status();
      for (const node of frozen) node.pause();
      const refused = `127.0.0.1:${await freePort()}`;
      const nodes = [...frozen.map((s) => `127.0.0.1:${s.port}`), refused];
      const { ms, message } = await timedConnect(nodes);
      expect(ms).toBeLessThan(BOUND_MS);
      expect(message).toMatch(/^could not connect to redis-cluster:\/\/.*: no node answered: /);
      for (const node of frozen.map((s) => `127.0.0.1:${s.port}`))
        expect(message).toContain(`${node} (no answer within`);
      expect(message).toContain(`${refused} (connect ECONNREFUSED`);
      expect(host.connection.status()).toEqual(before);
      expect(await host.connection.client().ping()).toBe('PONG');
    },
    3 * BOUND_MS,
  );

  it(
    'says a seed that answers is not a cluster node (a wrong port), and changes nothing',
    async () => {
      const before = host.connection.status();
      const { ms, message } = await timedConnect([`127.0.0.1:${previous.port}`]);
      expect(ms).toBeLessThan(BOUND_MS);
      expect(message).toMatch(/not a cluster node: it runs with cluster support disabled/);
      expect(host.connection.status()).toEqual(before);
    },
    3 * BOUND_MS,
  );
});

describe('a cluster client the factory opens while no node answers', () => {
  it(
    'fails what it was asked within the bound, naming the nodes tried',
    async () => {
      for (const node of frozen) node.pause();
      const refused = await freePort();
      const nodes = [...frozen.map((s) => s.port), refused].map((port) => ({ host: '127.0.0.1', port }));
      const client = createAnyClient({ clusterNodes: nodes }, 'command');
      client.on('error', () => undefined);
      try {
        const started = Date.now();
        const err = (await client.set('k', 'v').catch((e: Error) => e)) as Error;
        expect(Date.now() - started).toBeLessThan(BOUND_MS);
        expect(err.message).toMatch(/^no node of the Redis Cluster answered within [\d.]+ s \(tried /);
        for (const n of nodes) expect(err.message).toContain(`127.0.0.1:${n.port}`);
        // Later commands are refused at once while it still cannot reach any.
        const again = Date.now();
        await expect(client.get('k')).rejects.toThrow(/no node of the Redis Cluster answered/);
        expect(Date.now() - again).toBeLessThan(100);
      } finally {
        client.disconnect();
      }
    },
    3 * BOUND_MS,
  );
});
