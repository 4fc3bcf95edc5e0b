import { describe, expect, it } from 'vitest';
import type { KeyRow } from '../../../src/shared/contract';
import { useKeysHost } from './keys-host';

const h = useKeysHost();

/** Every byte value, and sequences that are not UTF-8. */
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const b64 = (b: Buffer): string => b.toString('base64');

describe('binary keys and values', () => {
  it('lists a non-UTF-8 key as base64 and reads its value byte-exact', async () => {
    const key = Buffer.concat([Buffer.from(h.prefix), Buffer.from([0xff, 0x00, 0xfe, 0x80])]);
    await h.client.set(key, ALL_BYTES);
    let cursor = '0';
    const rows: KeyRow[] = [];
    do {
      const page = await h.call('keys.scan', { match: `${h.prefix}*`, cursor });
      rows.push(...page.keys);
      cursor = page.cursor;
    } while (cursor !== '0');
    const row = rows.find((r) => r.keyEncoding === 'base64');
    expect(row).toEqual({ key: b64(key), keyEncoding: 'base64', type: 'string', ttlMs: -1 });
    const d = await h.call('keys.get', { key: b64(key), keyEncoding: 'base64' });
    expect(d.keyEncoding).toBe('base64');
    expect(d.value).toMatchObject({ kind: 'string', valueEncoding: 'base64', value: b64(ALL_BYTES) });
  });

  it('writes binary keys, fields and values exactly as sent, in every type', async () => {
    const bin = (s: string): Buffer => Buffer.concat([Buffer.from(h.prefix + s), Buffer.from([0xc3, 0x28])]);
    const ref = (s: string) => ({ key: b64(bin(s)), keyEncoding: 'base64' as const });
    const raw = { value: b64(ALL_BYTES), valueEncoding: 'base64' as const };
    await h.call('keys.create', { ...ref('s'), type: 'string', ...raw });
    await h.call('keys.create', {
      ...ref('h'),
      type: 'hash',
      fields: [{ field: b64(Buffer.from([0xff])), fieldEncoding: 'base64', ...raw }],
    });
    await h.call('keys.create', { ...ref('l'), type: 'list', items: [raw] });
    await h.call('keys.create', { ...ref('set'), type: 'set', members: [raw] });
    await h.call('keys.create', {
      ...ref('z'),
      type: 'zset',
      members: [{ member: b64(ALL_BYTES), memberEncoding: 'base64', score: 1 }],
    });
    expect(Buffer.compare((await h.client.getBuffer(bin('s')))!, ALL_BYTES)).toBe(0);
    expect(Buffer.compare((await h.client.hgetBuffer(bin('h'), Buffer.from([0xff])))!, ALL_BYTES)).toBe(0);
    expect(Buffer.compare((await h.client.lindexBuffer(bin('l'), 0))!, ALL_BYTES)).toBe(0);
    expect(await h.client.sismember(bin('set'), ALL_BYTES)).toBe(1);
    expect(await h.client.zscore(bin('z'), ALL_BYTES)).toBe('1');

    const hash = await h.call('keys.get', ref('h'));
    expect(hash.value).toEqual({
      kind: 'hash',
      entries: [{ field: b64(Buffer.from([0xff])), fieldEncoding: 'base64', ...raw }],
    });
    const list = await h.call('keys.get', ref('l'));
    expect(list.value).toEqual({ kind: 'list', items: [{ index: 0, ...raw }] });
    const z = await h.call('keys.get', ref('z'));
    expect(z.value).toEqual({
      kind: 'zset',
      members: [{ member: b64(ALL_BYTES), memberEncoding: 'base64', score: 1 }],
    });
    await h.call('keys.listSet', {
      ...ref('l'),
      index: 0,
      expected: raw.value,
      expectedEncoding: 'base64',
      value: 'text',
    });
    expect(await h.client.lindex(bin('l'), 0)).toBe('text');
    await h.call('keys.rename', { ...ref('s'), newKey: b64(bin('s2')), newKeyEncoding: 'base64' });
    expect(await h.client.exists(bin('s2'))).toBe(1);
    expect(await h.call('keys.delete', { keys: [{ key: b64(bin('s2')), keyEncoding: 'base64' }] })).toEqual({
      deleted: 1,
    });
  });
});
