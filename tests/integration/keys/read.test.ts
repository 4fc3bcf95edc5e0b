import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { KeyDetails, KeyValue } from '../../../src/shared/contract';
import { readerFor } from '../../../src/core/keys/readers';
import { useKeysHost } from './keys-host';

const h = useKeysHost();

function value<K extends KeyValue['kind']>(d: KeyDetails, kind: K): Extract<KeyValue, { kind: K }> {
  expect(d.value.kind).toBe(kind);
  return d.value as Extract<KeyValue, { kind: K }>;
}

describe('keys.get: one reader per type', () => {
  it('reads a string, capped for preview, and whole on request', async () => {
    const key = `${h.prefix}str`;
    await h.client.set(key, 'x'.repeat(2000), 'PX', 50_000);
    const preview = await h.call('keys.get', { key, maxBytes: 100 });
    expect(preview).toMatchObject({ type: 'string', size: 2000 });
    expect(preview.ttlMs).toBeGreaterThan(40_000);
    expect(value(preview, 'string')).toMatchObject({ value: 'x'.repeat(100), truncated: true, length: 2000 });
    const all = await h.call('keys.get', { key, maxBytes: 0 });
    expect(value(all, 'string')).toMatchObject({ value: 'x'.repeat(2000), truncated: false });
  });

  it('reads a list and a sorted set by offset', async () => {
    await h.client.rpush(`${h.prefix}list`, 'a', 'b', 'c', 'd', 'e');
    const page = await h.call('keys.get', { key: `${h.prefix}list`, offset: 1, limit: 2 });
    expect(value(page, 'list').items).toEqual([
      { index: 1, value: 'b' },
      { index: 2, value: 'c' },
    ]);
    expect(page).toMatchObject({ size: 5, nextCursor: '3', ttlMs: -1 });
    await h.client.zadd(`${h.prefix}z`, 3, 'c', 1, 'a', 2.5, 'b');
    const z = await h.call('keys.get', { key: `${h.prefix}z`, limit: 2 });
    expect(value(z, 'zset').members).toEqual([
      { member: 'a', score: 1 },
      { member: 'b', score: 2.5 },
    ]);
    const rest = await h.call('keys.get', { key: `${h.prefix}z`, offset: 2, limit: 2 });
    expect(value(rest, 'zset').members).toEqual([{ member: 'c', score: 3 }]);
    expect(rest.nextCursor).toBeNull();
  });

  it('reads a set and a stream with its consumer groups', async () => {
    await h.client.sadd(`${h.prefix}set`, 'm1', 'm2');
    const s = await h.call('keys.get', { key: `${h.prefix}set` });
    expect(
      value(s, 'set')
        .members.map((m) => m.value)
        .sort(),
    ).toEqual(['m1', 'm2']);
    const x = `${h.prefix}stream`;
    await h.client.xadd(x, '1-1', 'a', '1');
    await h.client.xadd(x, '2-1', 'b', '2');
    await h.client.xgroup('CREATE', x, 'g1', '0');
    await h.client.xreadgroup('GROUP', 'g1', 'c1', 'COUNT', 1, 'STREAMS', x, '>');
    const d = await h.call('keys.get', { key: x });
    const v = value(d, 'stream');
    expect(v.entries).toEqual([
      { id: '1-1', fields: [{ field: 'a', value: '1' }] },
      { id: '2-1', fields: [{ field: 'b', value: '2' }] },
    ]);
    expect(v.groups).toEqual([{ name: 'g1', consumers: 1, pending: 1, lastDeliveredId: '1-1', lag: 1 }]);
  });

  it('says clearly when the key does not exist', async () => {
    expect(await h.fail('keys.get', { key: `${h.prefix}nothing` })).toEqual({
      code: 'NOT_FOUND',
      message: 'key no longer exists',
    });
  });
});

describe('keys.get: paging big collections', () => {
  it('pages through a 100k-field hash with HSCAN, every field once', async () => {
    const key = `${h.prefix}bighash`;
    for (let i = 0; i < 100_000; i += 10_000) {
      const fields: string[] = [];
      for (let j = i; j < i + 10_000; j++) fields.push(`f${j}`, `v${j}`);
      await h.client.hset(key, ...fields);
    }
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const d = await h.call('keys.get', { key, cursor, limit: 5000 });
      expect(d.size).toBe(100_000);
      for (const e of value(d, 'hash').entries) {
        expect(e.value).toBe(`v${e.field.slice(1)}`);
        seen.add(e.field);
      }
      cursor = d.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(seen.size).toBe(100_000);
    expect(pages).toBeGreaterThan(10);
  });

  it('pages through a 100k-entry stream in order, no repeats', async () => {
    const key = `${h.prefix}bigstream`;
    for (let i = 0; i < 100_000; i += 5000) {
      const p = h.client.pipeline();
      for (let j = i; j < i + 5000; j++) p.xadd(key, `${j + 1}-0`, 'n', String(j));
      await p.exec();
    }
    let cursor: string | undefined;
    let expected = 0;
    do {
      const d = await h.call('keys.get', { key, cursor, limit: 7000 });
      for (const e of value(d, 'stream').entries) {
        expect(e.fields[0]?.value).toBe(String(expected));
        expected++;
      }
      cursor = d.nextCursor ?? undefined;
    } while (cursor);
    expect(expected).toBe(100_000);
  });
});

describe('keys.get: queue-aware decoding', () => {
  it('recognises a BullMQ job hash and tells its state', async () => {
    const qname = `q-${h.prefix.slice(0, -1)}`;
    const queue = new Queue(qname, { connection: { port: h.redis.port } });
    const job = await queue.add('send-mail', { to: 'a@b.c' }, { attempts: 3, delay: 60_000 });
    await queue.add('now', { n: 1 });
    const d = await h.call('keys.get', { key: `bull:${qname}:${job.id}` });
    expect(value(d, 'hash').bullJob).toMatchObject({
      prefix: 'bull',
      queue: qname,
      id: job.id,
      name: 'send-mail',
      state: 'delayed',
      data: { to: 'a@b.c' },
      opts: { attempts: 3, delay: 60_000 },
    });
    const waiting = await h.call('keys.get', { key: `bull:${qname}:2` });
    expect(value(waiting, 'hash').bullJob?.state).toBe('waiting');
    await queue.close();
  });

  it('leaves a plain hash alone', async () => {
    await h.client.hset(`${h.prefix}plain:1`, 'name', 'x');
    const d = await h.call('keys.get', { key: `${h.prefix}plain:1` });
    expect(value(d, 'hash').bullJob).toBeUndefined();
  });
});

describe('raw fallback for types without a reader (modules)', () => {
  it('answers the DUMP bytes, which RESTORE back to the same value', async () => {
    const key = `${h.prefix}raw`;
    await h.client.hset(key, 'a', '1', 'b', '2');
    const read = await readerFor('ReJSON-RL')(h.client, {
      key: Buffer.from(key),
      offset: 0,
      cursor: undefined,
      limit: 10,
      maxBytes: 0,
    });
    expect(read.value.kind).toBe('raw');
    const dump = Buffer.from((read.value as { dump: string }).dump, 'base64');
    await h.client.restore(`${key}:copy`, 0, dump);
    expect(await h.client.hgetall(`${key}:copy`)).toEqual({ a: '1', b: '2' });
  });
});
