import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyRow, ScanAllEvent } from '../../../src/shared/contract';
import { scanProgress } from '../../../src/core/keys/scan-all';
import { waitUntil } from '../../helpers/process-alive';
import { useKeysHost } from './keys-host';

const h = useKeysHost();
beforeAll(async () => {
  const p = h.client.pipeline();
  for (let i = 0; i < 3000; i++) {
    p.set(`${h.prefix}s:${i}`, 'v');
    if (i % 2 === 0) p.pexpire(`${h.prefix}s:${i}`, 600_000);
  }
  p.hset(`${h.prefix}h`, 'f', 'v');
  p.rpush(`${h.prefix}l`, 'a');
  p.sadd(`${h.prefix}set`, 'a');
  p.zadd(`${h.prefix}z`, 1, 'a');
  p.xadd(`${h.prefix}x`, '*', 'f', 'v');
  await p.exec();
});

async function scanAll(params: { match?: string; type?: string; count?: number }): Promise<KeyRow[]> {
  const rows: KeyRow[] = [];
  let cursor = '0';
  do {
    const page = await h.call('keys.scan', { ...params, cursor });
    rows.push(...page.keys);
    cursor = page.cursor;
  } while (cursor !== '0');
  return rows;
}

describe('keys.scan', () => {
  it('walks every key with its type and TTL', async () => {
    const rows = await scanAll({ match: `${h.prefix}*`, count: 500 });
    const unique = new Map(rows.map((r) => [r.key, r]));
    expect(unique.size).toBe(3005);
    expect(unique.get(`${h.prefix}s:0`)?.type).toBe('string');
    expect(unique.get(`${h.prefix}s:0`)?.ttlMs).toBeGreaterThan(590_000);
    expect(unique.get(`${h.prefix}s:1`)?.ttlMs).toBe(-1);
    const types = Object.fromEntries(
      ['h', 'l', 'set', 'z', 'x'].map((k) => [k, unique.get(h.prefix + k)?.type]),
    );
    expect(types).toEqual({ h: 'hash', l: 'list', set: 'set', z: 'zset', x: 'stream' });
  });

  it('filters by type and by pattern', async () => {
    const hashes = await scanAll({ match: `${h.prefix}*`, type: 'hash' });
    expect(hashes.map((r) => r.key)).toEqual([`${h.prefix}h`]);
    const some = await scanAll({ match: `${h.prefix}s:1?` });
    expect(new Set(some.map((r) => r.key)).size).toBe(10);
  });

  it('rejects a bad cursor and count, naming the field', async () => {
    const bad = await h.fail('keys.scan', { cursor: 'abc' });
    expect((await h.fail('keys.scan', { cursor: '1:0' })).code).toBe('INVALID_INPUT');
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.message).toMatch(/^cursor:/);
    expect((await h.fail('keys.scan', { count: 0 })).message).toMatch(/^count:/);
  });
});

describe('keys.scanAll', () => {
  it('streams every key in batches with progress, ending with done', async () => {
    const events: ScanAllEvent[] = [];
    const off = h.host.onEvent((event, data) => {
      if (event === 'keys.scanBatch') events.push(data as ScanAllEvent);
    });
    const { scanId, total } = await h.call('keys.scanAll', { match: `${h.prefix}*`, count: 200 });
    expect(total).toBe(await h.client.dbsize());
    await waitUntil(() => events.some((e) => e.scanId === scanId && e.done));
    off();
    const mine = events.filter((e) => e.scanId === scanId);
    expect(mine.length).toBeLessThan(3005 / 200);
    const keys = new Set(mine.flatMap((e) => e.keys.map((k) => k.key)));
    expect(keys.size).toBe(3005);
    expect(mine.at(-1)?.seen).toBeGreaterThanOrEqual(3005);
  });

  it('stops when asked', async () => {
    const p = h.client.pipeline();
    for (let i = 0; i < 60_000; i++) p.set(`${h.prefix}big:${i}`, '1');
    await p.exec();
    const events: ScanAllEvent[] = [];
    const off = h.host.onEvent((event, data) => {
      if (event === 'keys.scanBatch') events.push(data as ScanAllEvent);
    });
    const { scanId } = await h.call('keys.scanAll', { count: 100 });
    expect(await h.call('keys.scanStop', { scanId })).toEqual({ stopped: true });
    await waitUntil(() => events.some((e) => e.scanId === scanId && e.done));
    off();
    const last = events.filter((e) => e.scanId === scanId).at(-1);
    expect(last?.stopped).toBe(true);
    expect(last?.seen).toBeLessThan(60_000);
    expect(await h.call('keys.scanStop', { scanId })).toEqual({ stopped: false });
    const names = Array.from({ length: 60_000 }, (_, i) => `${h.prefix}big:${i}`);
    for (let i = 0; i < names.length; i += 5000) await h.client.unlink(...names.slice(i, i + 5000));
  });
});

describe('keys.memory', () => {
  it('answers MEMORY USAGE per key and null for a missing one', async () => {
    const { bytes } = await h.call('keys.memory', {
      keys: [{ key: `${h.prefix}h` }, { key: `${h.prefix}missing` }],
    });
    expect(bytes[0]).toBeGreaterThan(0);
    expect(bytes[1]).toBeNull();
  });
});

describe('scanProgress', () => {
  it('reads the share of the keyspace walked from the reverse-binary cursor', () => {
    expect(scanProgress('0')).toBe(1);
    // With a 4-bucket table, SCAN visits 0, 2, 1, 3: after bucket 0 the cursor is 2 (binary 10 → reversed 01…).
    expect(scanProgress(String(2))).toBeCloseTo(0.25);
    expect(scanProgress(String(1))).toBeCloseTo(0.5);
    expect(scanProgress(String(3))).toBeCloseTo(0.75);
  });

  it('rises through a real scan with a filter, ending at 1', async () => {
    const events: ScanAllEvent[] = [];
    const off = h.host.onEvent((event, data) => {
      if (event === 'keys.scanBatch') events.push(data as ScanAllEvent);
    });
    const { scanId } = await h.call('keys.scanAll', { match: `${h.prefix}h*`, count: 100 });
    await waitUntil(() => events.some((e) => e.scanId === scanId && e.done));
    off();
    const mine = events.filter((e) => e.scanId === scanId);
    const progress = mine.map((e) => e.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(mine.at(-1)).toMatchObject({ progress: 1, seen: 1, done: true });
  });
});
