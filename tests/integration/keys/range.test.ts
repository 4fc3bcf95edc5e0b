import { describe, expect, it } from 'vitest';
import { useKeysHost } from './keys-host';

const h = useKeysHost();
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');

describe('keys.getRange / keys.replaceRange: big strings a slice at a time', () => {
  it('reads any slice as base64, with the current length', async () => {
    const key = `${h.prefix}s`;
    await h.client.set(key, Buffer.from([0x61, 0xc3, 0xa9, 0xff, 0x62]));
    const r = await h.call('keys.getRange', { key, start: 1, length: 2 });
    expect(r).toEqual({
      length: 5,
      start: 1,
      value: b64(Buffer.from([0xc3, 0xa9])),
      valueEncoding: 'base64',
    });
    const past = await h.call('keys.getRange', { key, start: 10, length: 4 });
    expect(past).toMatchObject({ length: 5, value: '' });
    expect((await h.fail('keys.getRange', { key: `${h.prefix}none`, start: 0, length: 1 })).code).toBe(
      'NOT_FOUND',
    );
    await h.client.rpush(`${h.prefix}l`, 'x');
    expect((await h.fail('keys.getRange', { key: `${h.prefix}l`, start: 0, length: 1 })).code).toBe(
      'CONFLICT',
    );
    expect((await h.fail('keys.getRange', { key, start: 0, length: 5 * 1024 * 1024 })).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('replaces a segment in place, longer or shorter, and keeps the TTL', async () => {
    const key = `${h.prefix}edit`;
    await h.client.set(key, 'hello big world', 'EX', 100);
    const base = { key, expectedLength: 15 };
    await h.call('keys.replaceRange', { ...base, start: 6, end: 9, expected: 'big', value: 'BIG' });
    expect(await h.client.get(key)).toBe('hello BIG world');
    const r = await h.call('keys.replaceRange', {
      ...base,
      start: 6,
      end: 9,
      expected: 'BIG',
      value: 'huge',
    });
    expect(r).toEqual({ length: 16 });
    expect(await h.client.get(key)).toBe('hello huge world');
    await h.call('keys.replaceRange', {
      key,
      expectedLength: 16,
      start: 0,
      end: 6,
      expected: 'hello ',
      value: '',
    });
    expect(await h.client.get(key)).toBe('huge world');
    await h.call('keys.replaceRange', {
      key,
      expectedLength: 10,
      start: 10,
      end: 10,
      expected: '',
      value: b64(Buffer.from([0xff])),
      valueEncoding: 'base64',
    });
    expect(await h.client.getBuffer(key)).toEqual(Buffer.from('huge world\xff', 'latin1'));
    expect(await h.client.ttl(key)).toBeGreaterThan(90);
  });

  it('refuses when the value changed since it was read, and changes nothing', async () => {
    const key = `${h.prefix}stale`;
    await h.client.set(key, 'abcdef');
    const stale = await h.fail('keys.replaceRange', {
      key,
      expectedLength: 6,
      start: 0,
      end: 3,
      expected: 'xyz',
      value: '123',
    });
    expect(stale.code).toBe('CONFLICT');
    const grown = await h.fail('keys.replaceRange', {
      key,
      expectedLength: 5,
      start: 0,
      end: 3,
      expected: 'abc',
      value: '123',
    });
    expect(grown.code).toBe('CONFLICT');
    const bad = await h.fail('keys.replaceRange', {
      key,
      expectedLength: 6,
      start: 0,
      end: 3,
      expected: 'ab',
      value: '1',
    });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(await h.client.get(key)).toBe('abcdef');
  });
});
