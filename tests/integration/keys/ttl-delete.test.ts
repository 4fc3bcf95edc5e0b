import { describe, expect, it } from 'vitest';
import type { DeleteProgressEvent } from '../../../src/shared/contract';
import { useKeysHost } from './keys-host';

const h = useKeysHost();

describe('keys.setTtl', () => {
  it('sets a TTL in ms, at an absolute time, and persists', async () => {
    const key = `${h.prefix}ttl`;
    await h.client.set(key, 'v');
    const { ttlMs } = await h.call('keys.setTtl', { key, ttlMs: 30_000 });
    expect(ttlMs).toBeGreaterThan(29_000);
    expect(await h.client.pttl(key)).toBeGreaterThan(29_000);
    const at = await h.call('keys.setTtl', { key, expireAt: Date.now() + 120_000 });
    expect(at.ttlMs).toBeGreaterThan(110_000);
    expect(at.ttlMs).toBeLessThanOrEqual(120_000);
    expect(await h.call('keys.setTtl', { key, persist: true })).toEqual({ ttlMs: -1 });
    expect(await h.client.pttl(key)).toBe(-1);
  });

  it('rejects a zero or negative TTL without touching the key', async () => {
    const key = `${h.prefix}ttl2`;
    await h.client.set(key, 'v');
    const err = await h.fail('keys.setTtl', { key, ttlMs: 0 });
    expect(err.code).toBe('INVALID_INPUT');
    expect(await h.client.pttl(key)).toBe(-1);
  });
});

describe('keys.delete', () => {
  it('deletes many keys and counts only those that existed', async () => {
    await h.client.mset(`${h.prefix}d:1`, 'a', `${h.prefix}d:2`, 'b');
    const r = await h.call('keys.delete', {
      keys: [{ key: `${h.prefix}d:1` }, { key: `${h.prefix}d:2` }, { key: `${h.prefix}d:3` }],
    });
    expect(r).toEqual({ deleted: 2 });
    expect(await h.client.exists(`${h.prefix}d:1`, `${h.prefix}d:2`)).toBe(0);
  });

  it('takes plain names too, as an outside script would send them', async () => {
    await h.client.mset(`${h.prefix}p:1`, 'a', `${h.prefix}p:2`, 'b');
    expect(await h.call('keys.delete', { keys: [`${h.prefix}p:1`, { key: `${h.prefix}p:2` }] })).toEqual({
      deleted: 2,
    });
    expect((await h.fail('keys.delete', { keys: [''] })).code).toBe('INVALID_INPUT');
  });
});

describe('delete by pattern', () => {
  it('counts, then deletes exactly the matches with progress', async () => {
    const p = h.client.pipeline();
    for (let i = 0; i < 25_000; i++) p.set(`${h.prefix}pat:${i}`, '1');
    for (let i = 0; i < 500; i++) p.set(`${h.prefix}keep:${i}`, '1');
    p.set(`${h.prefix}pat`, 'no colon: does not match pat:*');
    p.hset(`${h.prefix}pat:hash`, 'f', 'v');
    await p.exec();
    const match = `${h.prefix}pat:*`;
    expect(await h.call('keys.countPattern', { match })).toEqual({ count: 25_001 });
    expect(await h.call('keys.countPattern', { match, type: 'hash' })).toEqual({ count: 1 });
    const events: DeleteProgressEvent[] = [];
    const off = h.host.onEvent((event, data) => {
      if (event === 'keys.deleteProgress') events.push(data as DeleteProgressEvent);
    });
    expect(await h.call('keys.deletePattern', { match, opId: 'op1' })).toEqual({ deleted: 25_001 });
    off();
    expect(events.at(-1)).toMatchObject({ opId: 'op1', deleted: 25_001, done: true });
    expect(await h.call('keys.countPattern', { match })).toEqual({ count: 0 });
    expect(await h.call('keys.countPattern', { match: `${h.prefix}keep:*` })).toEqual({ count: 500 });
    expect(await h.client.exists(`${h.prefix}pat`)).toBe(1);
  });

  it('requires a pattern', async () => {
    expect((await h.fail('keys.deletePattern', { match: '', opId: 'x' })).message).toMatch(/^match:/);
  });
});
