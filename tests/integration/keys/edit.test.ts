import { describe, expect, it } from 'vitest';
import { useKeysHost, type KeysHost } from './keys-host';

const h = useKeysHost();

describe('keys.create', () => {
  it('creates a key of every basic type, with a TTL when asked', async () => {
    const k = (s: string): string => `${h.prefix}new:${s}`;
    await h.call('keys.create', { key: k('s'), type: 'string', value: 'hello', ttlMs: 60_000 });
    await h.call('keys.create', { key: k('h'), type: 'hash', fields: [{ field: 'a', value: '1' }] });
    await h.call('keys.create', { key: k('l'), type: 'list', items: [{ value: 'x' }, { value: 'y' }] });
    await h.call('keys.create', { key: k('set'), type: 'set', members: [{ value: 'm' }] });
    await h.call('keys.create', { key: k('z'), type: 'zset', members: [{ member: 'm', score: 2 }] });
    await h.call('keys.create', { key: k('x'), type: 'stream', fields: [{ field: 'f', value: 'v' }] });
    expect(await h.client.get(k('s'))).toBe('hello');
    expect(await h.client.pttl(k('s'))).toBeGreaterThan(50_000);
    expect(await h.client.hgetall(k('h'))).toEqual({ a: '1' });
    expect(await h.client.lrange(k('l'), 0, -1)).toEqual(['x', 'y']);
    expect(await h.client.smembers(k('set'))).toEqual(['m']);
    expect(await h.client.zrange(k('z'), '0', '-1', 'WITHSCORES')).toEqual(['m', '2']);
    expect(await h.client.xlen(k('x'))).toBe(1);
    expect(await h.client.pttl(k('h'))).toBe(-1);
  });

  it('refuses to overwrite an existing key, and checks its input', async () => {
    await h.client.set(`${h.prefix}taken`, 'old');
    const err = await h.fail('keys.create', { key: `${h.prefix}taken`, type: 'string', value: 'new' });
    expect(err.code).toBe('CONFLICT');
    expect(await h.client.get(`${h.prefix}taken`)).toBe('old');
    const bad = await h.fail('keys.create', { key: `${h.prefix}b`, type: 'hash', fields: [] });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.message).toMatch(/^fields:/);
    expect(await h.client.exists(`${h.prefix}b`)).toBe(0);
  });
});

describe('editing each type', () => {
  it('sets a string keeping its TTL', async () => {
    const key = `${h.prefix}e:s`;
    await h.client.set(key, 'a', 'PX', 90_000);
    await h.call('keys.setString', { key, value: 'b' });
    expect(await h.client.get(key)).toBe('b');
    expect(await h.client.pttl(key)).toBeGreaterThan(80_000);
  });

  it('adds, edits, renames and removes hash fields', async () => {
    const key = `${h.prefix}e:h`;
    await h.client.hset(key, 'a', '1', 'b', '2');
    await h.call('keys.hashSet', { key, field: 'a', value: '10' });
    await h.call('keys.hashSet', { key, field: 'c', value: '3' });
    await h.call('keys.hashSet', { key, field: 'bb', value: '2', oldField: 'b' });
    expect(await h.client.hgetall(key)).toEqual({ a: '10', bb: '2', c: '3' });
    expect(await h.call('keys.hashDelete', { key, fields: [{ value: 'a' }, { value: 'zz' }] })).toEqual({
      removed: 1,
    });
  });

  it('pushes, sets and removes list items only where the user saw them', async () => {
    const key = `${h.prefix}e:l`;
    await h.client.rpush(key, 'a', 'b', 'a');
    await h.call('keys.listPush', { key, value: 'first', end: 'head' });
    expect(await h.call('keys.listPush', { key, value: 'last', end: 'tail' })).toEqual({ length: 5 });
    await h.call('keys.listSet', { key, index: 1, expected: 'a', value: 'A' });
    await h.call('keys.listRemove', { key, index: 3, expected: 'a' });
    expect(await h.client.lrange(key, 0, -1)).toEqual(['first', 'A', 'b', 'last']);
    const stale = await h.fail('keys.listSet', { key, index: 0, expected: 'not-there', value: 'x' });
    expect(stale.code).toBe('CONFLICT');
    expect(await h.client.lrange(key, 0, -1)).toEqual(['first', 'A', 'b', 'last']);
  });

  it('adds and removes set and zset members', async () => {
    const s = `${h.prefix}e:set`;
    await h.client.sadd(s, 'a');
    expect(await h.call('keys.setAdd', { key: s, members: [{ value: 'b' }, { value: 'a' }] })).toEqual({
      added: 1,
    });
    expect(await h.call('keys.setRemove', { key: s, members: [{ value: 'a' }] })).toEqual({ removed: 1 });
    expect(await h.client.smembers(s)).toEqual(['b']);
    const z = `${h.prefix}e:z`;
    await h.client.zadd(z, 1, 'a');
    await h.call('keys.zsetAdd', { key: z, member: 'a', score: 5 });
    await h.call('keys.zsetAdd', { key: z, member: 'b', score: -1.5 });
    expect(await h.client.zrange(z, '0', '-1', 'WITHSCORES')).toEqual(['b', '-1.5', 'a', '5']);
    expect(await h.call('keys.zsetRemove', { key: z, members: [{ value: 'b' }] })).toEqual({ removed: 1 });
  });

  it('adds and deletes stream entries', async () => {
    const key = `${h.prefix}e:x`;
    await h.client.xadd(key, '5-0', 'a', '1');
    const { id } = await h.call('keys.streamAdd', { key, fields: [{ field: 'b', value: '2' }] });
    expect(id).toMatch(/^\d+-\d+$/);
    await h.call('keys.streamAdd', { key, id: '9999999999999-0', fields: [{ field: 'c', value: '3' }] });
    expect(await h.call('keys.streamDelete', { key, ids: ['5-0'] })).toEqual({ removed: 1 });
    expect(await h.client.xlen(key)).toBe(2);
    expect((await h.fail('keys.streamAdd', { key, id: 'x', fields: [{ field: 'a', value: '' }] })).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('renames without overwriting', async () => {
    await h.client.set(`${h.prefix}r:a`, '1');
    await h.client.set(`${h.prefix}r:b`, '2');
    await h.call('keys.rename', { key: `${h.prefix}r:a`, newKey: `${h.prefix}r:c` });
    expect(await h.client.get(`${h.prefix}r:c`)).toBe('1');
    const clash = await h.fail('keys.rename', { key: `${h.prefix}r:c`, newKey: `${h.prefix}r:b` });
    expect(clash.code).toBe('CONFLICT');
    expect(await h.client.get(`${h.prefix}r:b`)).toBe('2');
    const missing = await h.fail('keys.rename', { key: `${h.prefix}r:a`, newKey: `${h.prefix}r:d` });
    expect(missing).toEqual({ code: 'NOT_FOUND', message: 'key no longer exists' });
  });
});

describe('edits to a key deleted or changed meanwhile', () => {
  it('never recreates a deleted key', async () => {
    const key = `${h.prefix}gone`;
    const edits: Array<[Parameters<KeysHost['fail']>[0], Record<string, unknown>]> = [
      ['keys.setString', { value: 'x' }],
      ['keys.hashSet', { field: 'f', value: 'v' }],
      ['keys.hashDelete', { fields: [{ value: 'f' }] }],
      ['keys.listPush', { value: 'x', end: 'tail' }],
      ['keys.listSet', { index: 0, expected: 'a', value: 'b' }],
      ['keys.setAdd', { members: [{ value: 'x' }] }],
      ['keys.zsetAdd', { member: 'x', score: 1 }],
      ['keys.streamAdd', { fields: [{ field: 'f', value: 'v' }] }],
      ['keys.setTtl', { ttlMs: 1000 }],
      ['keys.setTtl', { persist: true }],
    ];
    for (const [method, params] of edits) {
      const err = await h.fail(method, { key, ...params });
      expect(err, method).toEqual({ code: 'NOT_FOUND', message: 'key no longer exists' });
    }
    expect(await h.client.exists(key)).toBe(0);
  });

  it('does not write into a key that became another type', async () => {
    const key = `${h.prefix}retyped`;
    await h.client.set(key, 'now a string');
    const err = await h.fail('keys.hashSet', { key, field: 'f', value: 'v' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/now a string, not a hash/);
    const err2 = await h.fail('keys.setString', { key: `${h.prefix}e:h`, value: 'clobber' });
    expect(err2.code).toBe('CONFLICT');
    expect(await h.client.type(`${h.prefix}e:h`)).toBe('hash');
  });
});
