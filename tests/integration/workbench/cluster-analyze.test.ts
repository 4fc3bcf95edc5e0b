import { Cluster } from 'ioredis';
import { beforeAll, describe, expect, it } from 'vitest';
import { primaries } from '../../../src/core/keys/cluster/primaries';
import { AnalyzeRunner } from '../../../src/core/workbench/analyze/runner';
import type { AnalyzeProgressEvent } from '../../../src/shared/contract';
import { useClusterHost } from './cluster-host';

const h = useClusterHost();
const KEYS = 900;

/** Keys and MEMORY USAGE (SAMPLES 5, as the analysis measures) of each primary, asked of the node itself. */
async function perPrimary(): Promise<Map<string, { keys: number; bytes: number }>> {
  const out = new Map<string, { keys: number; bytes: number }>();
  for (const node of h.primaries) {
    const redis = h.node(node);
    let bytes = 0;
    let keys = 0;
    let cursor = '0';
    do {
      const [next, names] = await redis.scan(cursor, 'COUNT', 500);
      cursor = next;
      for (const k of names) {
        bytes += Number(await redis.call('MEMORY', 'USAGE', k, 'SAMPLES', '5'));
        keys++;
      }
    } while (cursor !== '0');
    out.set(node, { keys, bytes });
  }
  return out;
}

beforeAll(async () => {
  const redis = h.host.connection.client();
  for (let i = 0; i < KEYS; i++) {
    if (i % 3 === 0) await redis.set(`an:s:${i}`, 'x'.repeat(i % 50));
    else if (i % 3 === 1) await redis.hset(`an:h:${i}`, 'a', '1', 'b', String(i));
    else await redis.rpush(`an:l:${i}`, 'a', 'b', 'c');
  }
});

describe('memory analysis on a Redis Cluster', () => {
  it('walks every primary; the totals and each node’s share are the primaries’ own figures', async () => {
    const events: AnalyzeProgressEvent[] = [];
    const off = h.host.onEvent(
      (e, p) => e === 'keys.analyzeProgress' && events.push(p as AnalyzeProgressEvent),
    );
    const report = await h.call('keys.analyze', {});
    off();
    const expected = await perPrimary();
    expect(report.totals.keys).toBe(KEYS);
    expect(report.info.dbKeys).toBe(KEYS);
    expect(report.totals.bytes).toBe([...expected.values()].reduce((a, b) => a + b.bytes, 0));
    expect(report.nodes!.map((n) => n.node).sort()).toEqual([...h.primaries].sort());
    for (const n of report.nodes!) {
      expect({ keys: n.keys, bytes: n.bytes }).toEqual(expected.get(n.node));
      expect(n.dbKeys).toBe(await h.node(n.node).dbsize());
    }
    expect(report.byType.map((t) => [t.type, t.keys]).sort()).toEqual([
      ['hash', 300],
      ['list', 300],
      ['string', 300],
    ]);
    expect(report.namespaces.find((n) => n.prefix === 'an:')?.keys).toBe(KEYS);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ done: true, progress: 1, scanned: KEYS, dbKeys: KEYS });
    expect(last.nodes!.map((n) => [n.node, n.done])).toEqual(report.nodes!.map((n) => [n.node, true]));
    expect(last.nodes!.map((n) => n.seen)).toEqual(report.nodes!.map((n) => n.keys));
  });

  it('measures the keys a budget-cut step left over on their own node (several slots in one call)', async () => {
    const cluster = h.host.connection.cluster() as Cluster;
    const nodes = primaries(cluster).map((p) => ({ node: p.name, redis: p.redis }));
    const runner = new AnalyzeRunner(
      () => nodes,
      () => undefined,
    );
    const opts = { delimiter: ':', top: 5, depth: 2, samples: 5 };
    const whole = await runner.run(opts);
    const cut = await runner.run({ ...opts, budgetUs: 0, scanCount: 200 });
    expect(whole.totals.keys).toBe(KEYS);
    expect(cut.totals).toEqual(whole.totals);
    expect(cut.nodes).toEqual(whole.nodes);
  });
});
