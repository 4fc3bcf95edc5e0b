import { describe, expect, it } from 'vitest';
import type { InsidePage } from '../../../src/shared/contract';
import { commandCalls, writeBigHash } from './big-values';
import { useKeysHost } from './keys-host';

const h = useKeysHost();

/** Fields of the page, for a hash. */
const fieldsOf = (p: InsidePage): string[] =>
  p.value.kind === 'hash' ? p.value.entries.map((e) => e.field) : [];

describe('keys.scanMembers: MATCH run by Redis inside a big hash, set or sorted set', () => {
  it('finds exactly the matching fields of a 190,000-field hash, every call and every HSCAN step short', async () => {
    const key = `${h.prefix}big`;
    await writeBigHash(h.client, key, 190_000);
    expect(await h.client.object('ENCODING', key)).toBe('hashtable');
    const expected = [...Array(190_000).keys()]
      .filter((i) => String(i).startsWith('1234'))
      .map((i) => `field:${i}`);
    expect(expected).toHaveLength(111);

    // Each HSCAN step visits about COUNT (1000) slots, so a walk of 190k fields takes well over 150 steps:
    // the work per step is bounded by construction (its server time is a figure of bench:inside, not a
    // timed assertion on a shared machine).
    await h.client.config('RESETSTAT');
    const found: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    let slowest = 0;
    let last: InsidePage | undefined;
    do {
      const t0 = performance.now();
      last = await h.call('keys.scanMembers', { key, match: 'field:1234*', ...(cursor ? { cursor } : {}) });
      slowest = Math.max(slowest, performance.now() - t0);
      calls++;
      found.push(...fieldsOf(last));
      if (last.nextCursor) expect(last.scanned).toBeLessThan(190_000);
      cursor = last.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(found)).toEqual(new Set(expected));
    expect(found).toHaveLength(expected.length);
    expect(last.size).toBe(190_000);
    expect(last.scanned).toBe(190_000);
    // Paged: each call is bounded in time (a quiet machine may finish in one), never one long call.
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(slowest).toBeLessThan(2_000);
    expect(await commandCalls(h.client, 'hscan')).toBeGreaterThan(150);
    const values = (await h.call('keys.scanMembers', { key, match: 'field:123456', limit: 10 })).value;
    expect(values.kind).toBe('hash');
    await h.client.del(key);
  });

  it('filters a set and a sorted set (with scores), and refuses other types and bad cursors', async () => {
    const set = `${h.prefix}set`;
    const zset = `${h.prefix}zset`;
    await h.client.sadd(set, 'apple', 'apricot', 'banana', Buffer.from([0x61, 0xff]));
    await h.client.zadd(zset, 1, 'apple', 2.5, 'apricot', 3, 'banana');
    const s = await h.call('keys.scanMembers', { key: set, match: 'ap*' });
    expect(s.value.kind === 'set' && s.value.members.map((m) => m.value).sort()).toEqual([
      'apple',
      'apricot',
    ]);
    expect(s.nextCursor).toBeNull();
    const z = await h.call('keys.scanMembers', { key: zset, match: 'ap*' });
    expect(z.value.kind === 'zset' && z.value.members.sort((a, b) => a.score - b.score)).toEqual([
      { member: 'apple', score: 1 },
      { member: 'apricot', score: 2.5 },
    ]);
    const bin = await h.call('keys.scanMembers', {
      key: set,
      match: Buffer.from([0x61, 0xff]).toString('base64'),
      matchEncoding: 'base64',
    });
    expect(bin.value.kind === 'set' && bin.value.members).toEqual([
      { value: 'Yf8=', valueEncoding: 'base64' },
    ]);

    await h.client.rpush(`${h.prefix}list`, 'x');
    expect((await h.fail('keys.scanMembers', { key: `${h.prefix}list`, match: '*' })).code).toBe('CONFLICT');
    expect((await h.fail('keys.scanMembers', { key: `${h.prefix}none`, match: '*' })).code).toBe('NOT_FOUND');
    expect((await h.fail('keys.scanMembers', { key: set, match: '*', cursor: 'abc' })).code).toBe(
      'INVALID_INPUT',
    );
    expect((await h.fail('keys.scanMembers', { key: set, match: '*', count: 100_000 })).code).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('keys.listRange: jump to an index', () => {
  it('reads a window around any index, negative ones counted from the end, with indexes from the head', async () => {
    const key = `${h.prefix}list10k`;
    const items = [...Array(10_000).keys()].map((i) => `item-${i}`);
    for (let i = 0; i < items.length; i += 2000) await h.client.rpush(key, ...items.slice(i, i + 2000));
    const mid = await h.call('keys.listRange', { key, start: 5000, stop: 5009 });
    expect(mid.value.kind === 'list' && mid.value.items.map((x) => [x.index, x.value])).toEqual(
      [...Array(10).keys()].map((i) => [5000 + i, `item-${5000 + i}`]),
    );
    expect(mid.nextCursor).toBe('5010');
    const tail = await h.call('keys.listRange', { key, start: -3, stop: -1 });
    expect(tail.value.kind === 'list' && tail.value.items.map((x) => x.index)).toEqual([9997, 9998, 9999]);
    expect(tail.nextCursor).toBeNull();
    const past = await h.call('keys.listRange', { key, start: 20_000, stop: 20_010 });
    expect(past.value.kind === 'list' && past.value.items).toEqual([]);
    expect((await h.fail('keys.listRange', { key, start: 0, stop: -1 })).message).toMatch(/at most/);
    expect((await h.fail('keys.listRange', { key, start: 1.5, stop: 2 })).code).toBe('INVALID_INPUT');
  });
});

describe('keys.zrangeByScore: a score range', () => {
  const key = () => `${h.prefix}scores`;
  const members = (p: InsidePage): string[] =>
    p.value.kind === 'zset' ? p.value.members.map((m) => m.member) : [];
  const m = (...n: number[]): string[] => n.map((i) => `m${i}`);

  it('reads inclusive, exclusive and infinite bounds, paged with LIMIT, forwards and reversed', async () => {
    for (let i = 0; i < 100; i++) await h.client.zadd(key(), i, `m${i}`);
    const incl = await h.call('keys.zrangeByScore', { key: key(), min: '10', max: '(15' });
    expect(members(incl)).toEqual(m(10, 11, 12, 13, 14));
    expect(incl.matched).toBe(5);
    expect(members(await h.call('keys.zrangeByScore', { key: key(), min: '(10', max: '15' }))).toEqual(
      m(11, 12, 13, 14, 15),
    );
    const page = await h.call('keys.zrangeByScore', { key: key(), min: '-inf', max: '+inf', count: 30 });
    expect(page).toMatchObject({ size: 100, matched: 100, nextCursor: '30' });
    const next = await h.call('keys.zrangeByScore', {
      key: key(),
      min: '-inf',
      max: '+inf',
      count: 30,
      offset: 90,
    });
    expect(members(next)).toEqual(m(90, 91, 92, 93, 94, 95, 96, 97, 98, 99));
    expect(next.nextCursor).toBeNull();
    const rev = await h.call('keys.zrangeByScore', { key: key(), min: '(96.5', max: '+inf', reverse: true });
    expect(members(rev)).toEqual(m(99, 98, 97));
    expect(members(await h.call('keys.zrangeByScore', { key: key(), min: '1e1', max: '1.05e1' }))).toEqual(
      m(10),
    );
    expect((await h.fail('keys.zrangeByScore', { key: key(), min: 'abc', max: '1' })).code).toBe(
      'INVALID_INPUT',
    );
    expect((await h.fail('keys.zrangeByScore', { key: key(), min: '1', max: '2', count: 0 })).code).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('keys.streamRange: by id and by time', () => {
  it('reads the entries of a time window, newest first too, paging on from the last id', async () => {
    const key = `${h.prefix}events`;
    const base = Date.UTC(2026, 11, 1, 12, 0, 0);
    // One entry a second for a minute, two in the 30th second.
    for (let i = 0; i < 60; i++) {
      await h.client.xadd(key, `${base + i * 1000}-0`, 'n', String(i));
      if (i === 30) await h.client.xadd(key, `${base + i * 1000}-1`, 'n', '30b');
    }
    const ids = (p: InsidePage): string[] =>
      p.value.kind === 'stream' ? p.value.entries.map((e) => e.id) : [];
    const at = (i: number, seq = 0): string => `${base + i * 1000}-${seq}`;

    const window = await h.call('keys.streamRange', {
      key,
      start: String(base + 28_000),
      end: String(base + 30_000),
    });
    expect(ids(window)).toEqual([at(28), at(29), at(30), at(30, 1)]);
    const exclusive = await h.call('keys.streamRange', {
      key,
      start: `(${at(30)}`,
      end: String(base + 31_000),
    });
    expect(ids(exclusive)).toEqual([at(30, 1), at(31)]);

    const newest = await h.call('keys.streamRange', { key, start: '-', end: '+', count: 3, reverse: true });
    expect(ids(newest)).toEqual([at(59), at(58), at(57)]);
    expect(newest.nextCursor).toBe(at(57));
    const older = await h.call('keys.streamRange', {
      key,
      start: '-',
      end: `(${newest.nextCursor}`,
      count: 2,
      reverse: true,
    });
    expect(ids(older)).toEqual([at(56), at(55)]);
    expect(newest.size).toBe(61);
    expect((await h.fail('keys.streamRange', { key, start: 'yesterday', end: '+' })).code).toBe(
      'INVALID_INPUT',
    );
  });
});
