import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzeProgressEvent, AnalyzeReport } from '../../../src/shared/contract';
import { useKeysHost } from '../keys/keys-host';

const h = useKeysHost();

const MIN = 60_000;
/** What the dataset holds, by namespace: every figure below is counted from this. */
const STRINGS = 30;
const HASHES = 10;
const LISTS = 5;
const SETS = 4;
const ZSETS = 3;
const STREAMS = 2;

let exactBytes = 0;
let bigSizes: number[] = [];

beforeAll(async () => {
  const r = h.client;
  const p = r.pipeline();
  for (let i = 0; i < STRINGS; i++) p.set(`app:str:${i}`, 'x'.repeat(10 + i));
  for (let i = 0; i < HASHES; i++) p.hset(`app:user:${i}`, { a: '1', b: '2', c: '3', d: '4', e: '5' });
  for (let i = 0; i < LISTS; i++) p.rpush(`jobs:list:${i}`, 'a', 'b', 'c', 'd', 'e', 'f', 'g');
  for (let i = 0; i < SETS; i++) p.sadd(`jobs:set:${i}`, 'a', 'b', 'c');
  for (let i = 0; i < ZSETS; i++) p.zadd(`z${i}`, 1, 'a', 2, 'b');
  for (let i = 0; i < STREAMS; i++) p.xadd(`stream${i}`, '*', 'f', 'v');
  // TTL buckets: 3 < 1 min, 4 < 1 h, 5 < 1 day, 6 later; the rest have none.
  for (let i = 0; i < 3; i++) p.pexpire(`app:str:${i}`, 30_000 + i * 1000);
  for (let i = 3; i < 7; i++) p.pexpire(`app:str:${i}`, 30 * MIN);
  for (let i = 7; i < 12; i++) p.pexpire(`app:str:${i}`, 5 * 60 * MIN);
  for (let i = 12; i < 18; i++) p.pexpire(`app:str:${i}`, 3 * 24 * 60 * MIN);
  await p.exec();
  // The reference figures: MEMORY USAGE measuring every element.
  const names = (await r.keys('*')) as string[];
  const m = r.pipeline();
  for (const k of names) m.call('MEMORY', 'USAGE', k, 'SAMPLES', '0');
  const sizes = ((await m.exec()) ?? []).map(([, v]) => Number(v));
  exactBytes = sizes.reduce((a, b) => a + b, 0);
  bigSizes = [...sizes].sort((a, b) => b - a).slice(0, 3);
});

const TOTAL = STRINGS + HASHES + LISTS + SETS + ZSETS + STREAMS;

describe('keys.analyze', () => {
  it('reports a known dataset exactly: types, namespaces, TTL buckets, sizes and top keys', async () => {
    const events: AnalyzeProgressEvent[] = [];
    const off = h.host.onEvent(
      (e, d) => e === 'keys.analyzeProgress' && events.push(d as AnalyzeProgressEvent),
    );
    const report: AnalyzeReport = await h.call('keys.analyze', { top: 3 });
    off();
    expect(report.stopped).toBe(false);
    expect(report.memorySamples).toBe(5);
    expect(report.totals.keys).toBe(TOTAL);
    // Small keys are measured exactly whatever SAMPLES says: the totals are MEMORY USAGE's own figures.
    expect(report.totals.bytes).toBe(exactBytes);
    const types = Object.fromEntries(report.byType.map((t) => [t.type, t]));
    expect(types.string).toMatchObject({ keys: STRINGS, elements: 30 * 10 + (29 * 30) / 2 });
    expect(types.hash).toMatchObject({ keys: HASHES, elements: HASHES * 5 });
    expect(types.list).toMatchObject({ keys: LISTS, elements: LISTS * 7 });
    expect(types.set).toMatchObject({ keys: SETS, elements: SETS * 3 });
    expect(types.zset).toMatchObject({ keys: ZSETS, elements: ZSETS * 2 });
    expect(types.stream).toMatchObject({ keys: STREAMS, elements: STREAMS });
    const ns = Object.fromEntries(report.namespaces.map((n) => [n.prefix, n]));
    expect(ns['app:']).toMatchObject({ depth: 1, keys: STRINGS + HASHES });
    expect(ns['app:str:']).toMatchObject({ depth: 2, keys: STRINGS });
    expect(ns['app:user:']).toMatchObject({ depth: 2, keys: HASHES });
    expect(ns['jobs:']).toMatchObject({ depth: 1, keys: LISTS + SETS });
    expect(ns['']).toMatchObject({ depth: 1, keys: ZSETS + STREAMS });
    expect(ns['jobs:list:']).toMatchObject({ depth: 2, keys: LISTS });
    expect(report.namespaces).toHaveLength(7);
    const ttl = Object.fromEntries(report.ttl.map((b) => [b.bucket, b.keys]));
    expect(ttl).toEqual({ none: TOTAL - 18, lt1m: 3, lt1h: 4, lt1d: 5, later: 6 });
    expect(report.expiresSoonest.map((k) => k.key)).toEqual(['app:str:0', 'app:str:1', 'app:str:2']);
    expect(report.topByBytes.map((k) => k.bytes)).toEqual(bigSizes);
    expect(report.topByElements[0]).toMatchObject({ type: 'string', key: 'app:str:29', elements: 39 });
    expect(report.info.dbKeys).toBe(TOTAL);
    expect(report.info.usedMemory).toBeGreaterThan(report.totals.bytes);
    expect(events.at(-1)).toMatchObject({ done: true, progress: 1, scanned: TOTAL });
  });

  it('narrows to a pattern and splits by another delimiter', async () => {
    const report = await h.call('keys.analyze', { match: 'jobs:*', delimiter: 's:' });
    expect(report.totals.keys).toBe(LISTS + SETS);
    expect(report.byType.map((t) => t.type).sort()).toEqual(['list', 'set']);
    expect(report.namespaces.map((n) => [n.prefix, n.keys])).toEqual([['jobs:', LISTS + SETS]]);
  });

  it('non-UTF-8 names come back as base64', async () => {
    const name = Buffer.from([0xff, 0x3a, 0x01]); // "\xff:" namespace
    await h.client.set(name, 'v');
    const all = await h.call('keys.analyze', {});
    const ns = all.namespaces.find((n) => n.prefixEncoding === 'base64');
    expect(ns && Buffer.from(ns.prefix, 'base64')).toEqual(Buffer.from([0xff, 0x3a]));
    await h.client.del(name);
  });
});
