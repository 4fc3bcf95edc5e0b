import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type {
  AnalyzeProgressEvent,
  ExportProgressEvent,
  MethodName,
  NodeScanProgress,
  Params,
  Result,
} from '../../../src/shared/contract';
import { fillCluster } from '../../helpers/cluster-fill';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { busyMeter as meterBusy, commandStats } from '../../helpers/redis-time';
import { readKeyspace, sameKeyspace, seedEveryType } from '../keys/fixtures/keyspace';
import { startKeysHost, type KeysHost } from '../keys/keys-host';

/** Enough that a walk at a tenth of each primary's time lasts a couple of seconds. */
const N = 60_000;
let cluster: TestCluster;
let host: CoreHost;
let single: KeysHost;
let admins: Redis[];
let sizes: number[];
const events: { event: string; payload: unknown }[] = [];
const dir = mkdtempSync(join(tmpdir(), 'qd-cluster-walks-'));

async function call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
  const r = await host.call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.data as Result<M>;
}

beforeAll(async () => {
  // 3 primaries with a replica each: the walks must take the primaries only, every one of them.
  cluster = await startTestCluster(3, 1);
  await fillCluster(
    cluster,
    N,
    (j) => `pw:${j}`,
    (pipe, j) =>
      j % 3 === 0
        ? pipe.set(`pw:${j}`, `v${j}`, 'PX', 600_000 + j)
        : j % 3 === 1
          ? pipe.hset(`pw:${j}`, 'a', '1', 'b', String(j))
          : pipe.rpush(`pw:${j}`, 'x', 'y'),
  );
  admins = (await cluster.primaryPorts()).map((port) => cluster.node(port));
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-walks-host-')) });
  host.onEvent((event, payload) => events.push({ event, payload }));
  await call('connection.connect', { mode: 'cluster', nodes: [cluster.nodes[0]!] });
  // Every type, binary names, big values (streamed past a lane's buffer) and TTLs, spread over the primaries.
  await seedEveryType(host.connection.client(), 'rt:');
  sizes = await Promise.all(admins.map((a) => a.dbsize()));
  single = await startKeysHost();
}, 120_000);
afterAll(async () => {
  await single?.stop();
  await host?.close();
  await cluster?.stop();
});

/** Each primary's busy share of the wall time from now, in %: by `commands` only, or by every command. */
const busyMeter = (commands?: string[]) =>
  meterBusy(admins, async (a) => {
    const s = await commandStats(a);
    return commands ? commands.reduce((n, c) => n + (s.byCommand.get(c)?.usec ?? 0), 0) : s.usec;
  });

/** Some progress event caught every primary part-way at once: they were walked together, not in turn. */
function allAtOnce(nodesSeen: (NodeScanProgress[] | undefined)[]): boolean {
  return nodesSeen.some((ns) => ns?.length === 3 && ns.every((n) => n.seen > 0 && !n.done));
}

const progressOf = <T>(event: string, pick: (p: T) => boolean): T[] =>
  events
    .filter((e) => e.event === event)
    .map((e) => e.payload as T)
    .filter(pick);

describe('analysis and export walk every primary at once, each paced', () => {
  it('analysis: totals are the sum over the primaries, paced or not, and each primary keeps to its share', async () => {
    const total = sizes.reduce((a, b) => a + b, 0);
    const whole = await call('keys.analyze', { analysisId: 'whole' });
    const meter = await busyMeter(['evalsha']);
    const paced = await call('keys.analyze', { analysisId: 'paced', share: 0.1 });
    const pcts = await meter();
    for (const report of [whole, paced]) {
      expect(report.totals.keys).toBe(total);
      expect(report.nodes!.map((n) => n.keys).sort()).toEqual([...sizes].sort());
      expect(report.nodes!.reduce((a, n) => a + n.bytes, 0)).toBe(report.totals.bytes);
    }
    expect(paced.totals).toEqual(whole.totals);
    expect(paced.byType).toEqual(whole.byType);
    expect(paced.nodes).toEqual(whole.nodes);
    // 10 % asked for of each; timer slack leaves a little over.
    for (const pct of pcts) expect(pct).toBeLessThan(12);
    for (const pct of pcts) expect(pct).toBeGreaterThan(3);
    const seen = progressOf<AnalyzeProgressEvent>('keys.analyzeProgress', (p) => p.analysisId === 'paced');
    expect(allAtOnce(seen.map((p) => p.nodes))).toBe(true);
    expect(seen.at(-1)).toMatchObject({ done: true, progress: 1, scanned: total });
  }, 120_000);

  it('export: every primary at once, and an import gives back every key with its TTL', async () => {
    const before = await Promise.all(admins.map((a) => readKeyspace(a, 'rt:')));
    const rt = Object.assign({}, ...before) as Record<string, unknown>;
    expect(Object.keys(rt).length).toBe(15);
    const path = join(dir, 'all.jsonl');
    const t0 = Date.now();
    const exported = await call('keys.export', { format: 'jsonl', path, exportId: 'whole' });
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(exported).toMatchObject({ status: 'done', keys: total });
    const seen = progressOf<ExportProgressEvent>('keys.exportProgress', (p) => p.exportId === 'whole');
    expect(allAtOnce(seen.map((p) => p.nodes))).toBe(true);
    expect(seen.at(-1)!.nodes!.map((n) => [n.seen, n.done])).toEqual(sizes.map((n) => [n, true]));

    const imported = await single.call('keys.import', { path, onExisting: 'skip' });
    expect(imported).toMatchObject({ imported: total, errorCount: 0 });
    expect(await single.client.dbsize()).toBe(total);
    sameKeyspace(await readKeyspace(single.client, 'rt:'), rt, expect, Date.now() - t0);
    // The bulk keys' TTLs too (a few of them, read back from the copy).
    for (const j of [0, 3, 30_000, 59_997]) {
      const ttl = await single.client.pttl(`pw:${j}`);
      expect(ttl).toBeGreaterThan(600_000 + j - 60_000 - (Date.now() - t0));
      expect(ttl).toBeLessThanOrEqual(600_000 + j);
    }
    expect(await single.client.hget('pw:1', 'b')).toBe('1');
  }, 180_000);

  it('export: paced, keeps each primary under its share', async () => {
    const match = 'pw:1*';
    const matching = (await Promise.all(admins.map((a) => a.keys(match)))).flat().length;
    const meter = await busyMeter();
    const path = join(dir, 'paced.dump.jsonl');
    const exported = await call('keys.export', { match, format: 'dump', path, share: 0.3 });
    const pcts = await meter();
    expect(exported).toMatchObject({ status: 'done', keys: matching });
    for (const pct of pcts) expect(pct).toBeLessThan(33);
  }, 120_000);
});
