import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ScanAllEvent } from '../../../src/shared/contract';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { data } from '../worker/helpers';

let cluster: TestCluster;
let host: CoreHost;
const events: ScanAllEvent[] = [];
const KEYS = 600;
/** A name that is not UTF-8, with a hash tag: its slot is the tag's, computed from the bytes. */
const BINARY = Buffer.from([0x7b, 0x74, 0x61, 0x67, 0x7d, 0xff, 0x00, 0x01]); // "{tag}\xff\x00\x01"

beforeAll(async () => {
  cluster = await startTestCluster(3, 0);
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-walk-')) });
  host.onEvent((event, payload) => {
    if (event === 'keys.scanBatch') events.push(payload as ScanAllEvent);
  });
  await data(host, 'connection.connect', { mode: 'cluster', nodes: [cluster.nodes[0]] });
  const redis = host.connection.client();
  for (let i = 0; i < KEYS; i++) {
    if (i % 2) await redis.set(`w:${i}`, String(i));
    else await redis.set(`w:${i}`, String(i), 'PX', 600_000);
  }
  await redis.set(BINARY, 'b');
}, 60_000);
afterAll(async () => {
  await host?.close();
  await cluster?.stop();
});

async function walk(params: { count?: number }): Promise<ScanAllEvent[]> {
  const { scanId } = await data<{ scanId: string }>(host, 'keys.scanAll', params);
  await waitUntil(() => events.some((e) => e.scanId === scanId && e.done));
  return events.filter((e) => e.scanId === scanId);
}

describe('a full walk of a cluster', () => {
  it('walks every primary at once, not one after another', async () => {
    // Each primary's EVALSHA pages, as the primary saw them (MONITOR times are the server's clock).
    const ports = await cluster.primaryPorts();
    const seen = new Map<number, number[]>(ports.map((p) => [p, []]));
    const monitors = await Promise.all(
      ports.map(async (port) => {
        const m = await cluster.servers
          .find((s) => s.port === port)!
          .client()
          .monitor();
        m.on('monitor', (time: string, args: string[]) => {
          if (args[0]?.toLowerCase() === 'evalsha') seen.get(port)!.push(Number(time));
        });
        return m;
      }),
    );
    const mine = await walk({ count: 10 });
    await waitUntil(() => [...seen.values()].every((t) => t.length > 3));
    await Promise.all(monitors.map((m) => m.disconnect()));
    expect(mine.at(-1)).toMatchObject({ done: true, seen: KEYS + 1 });
    const firsts = [...seen.values()].map((t) => Math.min(...t));
    const lasts = [...seen.values()].map((t) => Math.max(...t));
    // In turn, one node's last page would come before the next node's first.
    expect(Math.max(...firsts)).toBeLessThan(Math.min(...lasts));
  });

  it('sends the first page at once, then batches', async () => {
    const mine = await walk({ count: 10 });
    const withRows = mine.filter((e) => e.keys.length > 0);
    // One node's first page of about 10 keys, not the batch window's worth of every node's pages.
    expect(withRows[0]!.keys.length).toBeLessThan(60);
    expect(withRows.reduce((n, e) => n + e.keys.length, 0)).toBe(KEYS + 1);
  });

  it('gives each row its type, TTL, slot (from the bytes of the name) and node', async () => {
    const rows = (await walk({})).flatMap((e) => e.keys);
    const admin = cluster.node(cluster.servers[0]!.port);
    const binary = rows.find((r) => r.keyEncoding === 'base64');
    expect(binary).toMatchObject({ key: BINARY.toString('base64'), type: 'string', ttlMs: -1 });
    expect(binary!.slot).toBe(Number(await admin.cluster('KEYSLOT', '{tag}')));
    const byName = new Map(rows.map((r) => [r.key, r]));
    for (const i of [0, 1, 2, 3, 598, 599]) {
      const row = byName.get(`w:${i}`)!;
      expect(row.type).toBe('string');
      if (i % 2) expect(row.ttlMs).toBe(-1);
      else expect(row.ttlMs).toBeGreaterThan(500_000);
      expect(row.slot).toBe(Number(await admin.cluster('KEYSLOT', `w:${i}`)));
      expect(await cluster.node(Number(row.node!.split(':')[1])).exists(`w:${i}`)).toBe(1);
    }
  });
});
