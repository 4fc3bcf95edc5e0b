import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHost } from '../../../src/core/host';
import type { ScanAllEvent } from '../../../src/shared/contract';
import { fillCluster } from '../../helpers/cluster-fill';
import { waitUntil } from '../../helpers/process-alive';
import { startTestCluster, type TestCluster } from '../../helpers/redis-cluster';
import { busyMeter as meterBusy } from '../../helpers/redis-time';
import { data } from '../worker/helpers';

/** Enough that a walk at a tenth of each primary's time lasts a few seconds. */
const N = 300_000;
let cluster: TestCluster;
let host: CoreHost;
let admins: Redis[];
let total = 0;
const events: ScanAllEvent[] = [];

beforeAll(async () => {
  cluster = await startTestCluster(3, 0);
  const sizes = await fillCluster(
    cluster,
    N,
    (j) => `cp:${j}`,
    (pipe, j) => pipe.set(`cp:${j}`, 'x'),
  );
  total = sizes.reduce((a, b) => a + b, 0);
  admins = (await cluster.primaryPorts()).map((port) => cluster.node(port));
  host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-cluster-pace-')) });
  host.onEvent((event, payload) => {
    if (event === 'keys.scanBatch') events.push(payload as ScanAllEvent);
  });
  await data(host, 'connection.connect', { mode: 'cluster', nodes: [cluster.nodes[0]] });
}, 120_000);
afterAll(async () => {
  await host?.close();
  await cluster?.stop();
});

const busyMeter = () => meterBusy(admins);

const mine = (scanId: string): ScanAllEvent[] => events.filter((e) => e.scanId === scanId);
const ended = (scanId: string) => () => mine(scanId).some((e) => e.done);
const names = (scanId: string): number => new Set(mine(scanId).flatMap((e) => e.keys.map((k) => k.key))).size;

async function walk(params: { share?: number }): Promise<{ pcts: number[]; keys: number }> {
  const meter = await busyMeter();
  const { scanId } = await data<{ scanId: string }>(host, 'keys.scanAll', params);
  await waitUntil(ended(scanId), 120_000);
  const pcts = await meter();
  expect(mine(scanId).at(-1)).toMatchObject({ done: true, seen: total });
  return { pcts, keys: names(scanId) };
}

describe('a cluster walk is paced on every primary', () => {
  it('keeps each primary to the default share of its own time, and still lists every key', async () => {
    // Unpaced first, on the same keyspace: shows each primary would give the walk far more if left alone.
    const unpaced = await walk({ share: 1 });
    const gentle = await walk({});
    expect(unpaced.keys).toBe(total);
    expect(gentle.keys).toBe(total);
    expect(Math.min(...unpaced.pcts)).toBeGreaterThan(25);
    // 10 % asked for of each; INFO's own cost and timer slack leave a little over.
    for (const pct of gentle.pcts) expect(pct).toBeLessThan(12);
    for (const pct of gentle.pcts) expect(pct).toBeGreaterThan(3);
  }, 180_000);

  it('keys.scanPace speeds up every primary at once ("scan all now"), within the cap', async () => {
    const firstPart = await busyMeter();
    const { scanId } = await data<{ scanId: string }>(host, 'keys.scanAll', {});
    await waitUntil(() => (mine(scanId).at(-1)?.progress ?? 0) >= 0.3, 120_000);
    const gentle = await firstPart();
    const rest = await busyMeter();
    expect(await data(host, 'keys.scanPace', { scanId, share: 0.3 })).toEqual({ paced: true });
    await waitUntil(ended(scanId), 120_000);
    const fast = await rest();
    for (const pct of gentle) expect(pct).toBeLessThan(12);
    for (const pct of fast) expect(pct).toBeLessThan(33);
    // Every primary sped up, not just one.
    for (const [i, pct] of fast.entries()) expect(pct).toBeGreaterThan(gentle[i]! * 1.5);
    expect(names(scanId)).toBe(total);
    expect(await data(host, 'keys.scanPace', { scanId, share: 0.3 })).toEqual({ paced: false });
  }, 180_000);

  it('an unpaced walk cannot be paced', async () => {
    const { scanId } = await data<{ scanId: string }>(host, 'keys.scanAll', { share: 1 });
    expect(await data(host, 'keys.scanPace', { scanId, share: 0.3 })).toEqual({ paced: false });
    await data(host, 'keys.scanStop', { scanId });
    await waitUntil(ended(scanId));
  });
});
