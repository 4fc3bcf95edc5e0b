import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';
import { pack } from 'msgpackr';
import type { KeyDetails } from '../../../src/shared/contract';
import { toBytes } from '../../../src/renderer/src/components/ValueViewer/bytes';
import {
  autoFormat,
  decodeAs,
  decodeAuto,
} from '../../../src/renderer/src/components/ValueViewer/formats/decode';
import { decompress } from '../../../src/renderer/src/components/ValueViewer/formats/decompress';
import { useKeysHost } from './keys-host';

const h = useKeysHost();
const doc = { user: 'ada', tags: ['x', 'y'], n: 42, nested: { deep: [1, { z: null }] } };

/** Stores the bytes in Redis and reads them back through keys.get, as the viewer receives them. */
async function roundTrip(name: string, bytes: Buffer): Promise<Uint8Array> {
  const key = `${h.prefix}${name}`;
  await h.client.set(key, bytes);
  const d: KeyDetails = await h.call('keys.get', { key });
  if (d.value.kind !== 'string') throw new Error('not a string');
  return toBytes(d.value);
}

describe('value formats, detected and decoded from bytes stored in Redis', () => {
  it('gzip-compressed JSON opens decompressed, as a JSON tree', async () => {
    const bytes = await roundTrip('gz', gzipSync(JSON.stringify(doc)));
    expect(autoFormat(bytes)).toBe('gzip');
    const d = await decodeAuto(bytes);
    expect(d).toMatchObject({ format: 'gzip', inner: 'json', shown: { as: 'json', value: doc } });
    expect(d.note).toMatch(/bytes decompressed from/);
  });

  it('zlib-compressed text (78 9c and 78 da) opens as its text', async () => {
    for (const level of [6, 9]) {
      const bytes = await roundTrip(`z${level}`, deflateSync('hello zlib, '.repeat(50), { level }));
      expect(autoFormat(bytes)).toBe('zlib');
      expect(await decodeAuto(bytes)).toMatchObject({
        inner: 'text',
        shown: { as: 'text', text: 'hello zlib, '.repeat(50) },
      });
    }
    const stored = await roundTrip('z0', deflateSync('abc', { level: 0 }));
    expect([stored[0], stored[1]]).toEqual([0x78, 0x01]);
    expect((await decodeAuto(stored)).shown).toEqual({ as: 'text', text: 'abc' });
  });

  it('MessagePack opens as a tree, binary and 64-bit values kept readable', async () => {
    const value = { ...doc, blob: Buffer.from([0xde, 0xad]), big: 2n ** 60n };
    const bytes = await roundTrip('mp', pack(value));
    expect(autoFormat(bytes)).toBe('msgpack');
    expect((await decodeAuto(bytes)).shown).toEqual({
      as: 'json',
      value: { ...doc, blob: '⟨de ad⟩', big: '1152921504606846976' },
    });
    // Trailing bytes are not one MessagePack value: hex, and asking for MessagePack says why.
    const trailing = await roundTrip('mp2', Buffer.concat([pack(doc), Buffer.from([0xc1, 0xff])]));
    expect(autoFormat(trailing)).toBe('hex');
    const forced = await decodeAs(trailing, 'msgpack');
    expect(forced.error).toMatch(/not MessagePack/);
    expect(forced.shown.as).toBe('hex');
  });

  it('JSON and text as such; binary as hex; any bytes as base64 or hex by hand', async () => {
    const json = await roundTrip('json', Buffer.from(JSON.stringify(doc)));
    expect(autoFormat(json)).toBe('json');
    expect((await decodeAuto(json)).shown).toEqual({ as: 'json', value: doc });
    const text = await roundTrip('text', Buffer.from('plain words 42'));
    expect(autoFormat(text)).toBe('text');
    const bin = randomBytes(64);
    bin[0] = 0xff; // never UTF-8, never a container's first byte
    const binary = await roundTrip('bin', bin);
    expect(autoFormat(binary)).toBe('hex');
    expect((await decodeAuto(binary)).shown).toEqual({
      as: 'hex',
      text: [...bin].map((b) => b.toString(16).padStart(2, '0')).join(' '),
    });
    expect((await decodeAs(binary, 'base64')).shown).toEqual({ as: 'base64', text: bin.toString('base64') });
    // A format that does not fit is refused with a reason, and the value is shown as detected.
    const notJson = await decodeAs(text, 'json');
    expect(notJson).toMatchObject({ error: 'not valid JSON', shown: { as: 'text', text: 'plain words 42' } });
    const notGzip = await decodeAs(text, 'gzip');
    expect(notGzip.error).toMatch(/not gzip data/);
    expect(notGzip.shown).toEqual({ as: 'text', text: 'plain words 42' });
  });

  it('stops decompressing at the cap, so a tiny value cannot inflate without bound', async () => {
    const bomb = await roundTrip('bomb', gzipSync(Buffer.alloc(8 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(20_000);
    const r = await decompress(bomb, 'gzip', 64 * 1024);
    expect(r.cut).toBe(true);
    expect(r.bytes.length).toBe(64 * 1024);
  });
});
