import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveDialog, useKeysHost } from './keys-host';
import { commandCalls, parseLines, writeBigHash, writeBigString } from './big-values';

const dir = mkdtempSync(join(tmpdir(), 'qd-save-'));
const dialog = saveDialog();
const asked = dialog.asked;
const h = useKeysHost({ pickSavePath: dialog.pick });

describe('keys.saveToFile: streams the value from Redis into the picked file', () => {
  it('saves a 20 MB binary string byte for byte, read in 1 MiB GETRANGE slices', async () => {
    const key = `${h.prefix}blob`;
    const value = await writeBigString(h.client, key, 20 * 1024 * 1024);
    await h.client.config('RESETSTAT');
    dialog.answer = join(dir, 'blob.bin');
    const r = await h.call('keys.saveToFile', { key });
    expect(r).toEqual({ saved: true, path: dialog.answer!, bytes: value.length });
    expect(asked.at(-1)).toBe(`${h.prefix.replace(':', '_')}blob.bin`);
    expect(readFileSync(dialog.answer!).equals(value)).toBe(true);
    expect(await commandCalls(h.client, 'getrange')).toBe(20);
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('saves a big hash as JSON lines of every field, in HSCAN pages', async () => {
    const key = `${h.prefix}hash`;
    const fields = await writeBigHash(h.client, key, 20_000);
    await h.client.hset(key, Buffer.from('bin'), Buffer.from([0xff, 0x00]));
    await h.client.config('RESETSTAT');
    dialog.answer = join(dir, 'hash.jsonl');
    await h.call('keys.saveToFile', { key });
    const rows = parseLines(readFileSync(dialog.answer!, 'utf8')) as Array<Record<string, string>>;
    expect(rows).toHaveLength(20_001);
    expect(rows).toContainEqual({ field: 'bin', value: '/wA=', valueEncoding: 'base64' });
    const got = new Map(rows.filter((r) => !r.valueEncoding).map((r) => [r.field, r.value]));
    expect(got).toEqual(fields);
    expect(await commandCalls(h.client, 'hscan')).toBeGreaterThan(1);
  });

  it('saves lists, sets, sorted sets and streams as one line per element', async () => {
    const p = h.prefix;
    await h.client.rpush(`${p}list`, ...Array.from({ length: 2500 }, (_, i) => `item ${i}`));
    await h.client.sadd(`${p}set`, 'a', 'b');
    await h.client.zadd(`${p}z`, 2, 'two', 1.5, 'one');
    await h.client.xadd(`${p}x`, '1-1', 'f', 'v');
    await h.client.xadd(`${p}x`, '2-0', 'g', 'w');
    const save = async (key: string): Promise<unknown[]> => {
      dialog.answer = join(dir, `${key.replace(/\W/g, '_')}.jsonl`);
      await h.call('keys.saveToFile', { key });
      return parseLines(readFileSync(dialog.answer!, 'utf8'));
    };
    const list = await save(`${p}list`);
    expect(list).toHaveLength(2500);
    expect(list[2499]).toEqual({ value: 'item 2499' });
    expect((await save(`${p}set`)).sort()).toEqual(expect.arrayContaining([{ value: 'a' }, { value: 'b' }]));
    expect(await save(`${p}z`)).toEqual([
      { member: 'one', score: 1.5 },
      { member: 'two', score: 2 },
    ]);
    expect(await save(`${p}x`)).toEqual([
      { id: '1-1', fields: [{ field: 'f', value: 'v' }] },
      { id: '2-0', fields: [{ field: 'g', value: 'w' }] },
    ]);
  });

  it('writes nothing when the dialog is cancelled, and a missing key fails clearly', async () => {
    await h.client.set(`${h.prefix}small`, 'x');
    dialog.answer = null;
    expect(await h.call('keys.saveToFile', { key: `${h.prefix}small` })).toEqual({ saved: false });
    dialog.answer = join(dir, 'never.bin');
    expect((await h.fail('keys.saveToFile', { key: `${h.prefix}missing` })).code).toBe('NOT_FOUND');
    expect(existsSync(dialog.answer!)).toBe(false);
  });
});
