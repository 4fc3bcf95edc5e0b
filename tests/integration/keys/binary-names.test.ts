import { describe, expect, it } from 'vitest';
import type { KeyRow, ScanAllEvent } from '../../../src/shared/contract';
import { displayBytes, parseBytes } from '../../../src/shared/bytes/escape';
import { fromBytes, toBytes } from '../../../src/shared/bytes/wire';
import { matchParams } from '../../../src/shared/bytes/match';
import { waitUntil } from '../../helpers/process-alive';
import { useKeysHost } from './keys-host';

const h = useKeysHost();
const ref = (w: { value: string; valueEncoding?: 'base64' }) =>
  w.valueEncoding ? { key: w.value, keyEncoding: w.valueEncoding } : { key: w.value };
const shown = (r: { key: string; keyEncoding?: 'base64' }): string =>
  displayBytes(toBytes({ value: r.key, valueEncoding: r.keyEncoding }));

/** Every key a whole walk lists for these filter params, as the Keys panel asks for them. */
async function listAll(params: Record<string, unknown>): Promise<KeyRow[]> {
  const events: ScanAllEvent[] = [];
  const off = h.host.onEvent((event, data) => {
    if (event === 'keys.scanBatch') events.push(data as ScanAllEvent);
  });
  const { scanId } = await h.call('keys.scanAll', params);
  await waitUntil(() => events.some((e) => e.scanId === scanId && e.done));
  off();
  return events.filter((e) => e.scanId === scanId).flatMap((e) => e.keys);
}

describe('binary key names', () => {
  it('round-trip list → get → rename (typed with escapes) → get', async () => {
    const name = Buffer.concat([Buffer.from(h.prefix), Buffer.from([0xff, 0x00]), Buffer.from('abc\n"')]);
    await h.client.hset(name, Buffer.from([0x80, 0x81]), Buffer.from([0x00, 0xff]));
    const rows = await listAll({ match: `${h.prefix}*` });
    const row = rows.find(
      (r) => Buffer.compare(Buffer.from(toBytes({ value: r.key, valueEncoding: r.keyEncoding })), name) === 0,
    );
    expect(row).toBeDefined();
    expect(shown(row!)).toBe(`"${h.prefix}\\xff\\x00abc\\n\\""`);

    const before = await h.call('keys.get', ref({ value: row!.key, valueEncoding: row!.keyEncoding }));
    expect(before.value).toMatchObject({ kind: 'hash' });

    // The user edits the name as shown and types a new byte in it.
    const typed = shown(row!).replace('\\x00', '\\x01\\t');
    const to = fromBytes(parseBytes(typed));
    await h.call('keys.rename', {
      key: row!.key,
      ...(row!.keyEncoding ? { keyEncoding: row!.keyEncoding } : {}),
      newKey: to.value,
      ...(to.valueEncoding ? { newKeyEncoding: to.valueEncoding } : {}),
    });
    const renamed = Buffer.concat([
      Buffer.from(h.prefix),
      Buffer.from([0xff, 0x01, 0x09]),
      Buffer.from('abc\n"'),
    ]);
    expect(await h.client.exists(name)).toBe(0);
    expect(await h.client.exists(renamed)).toBe(1);

    const after = await h.call('keys.get', ref(to));
    expect(after.value).toEqual(before.value);
    expect(shown(after)).toBe(`"${h.prefix}\\xff\\x01\\tabc\\n\\""`);
  });

  it('a \\xff* pattern matches exactly the names starting with byte 0xff', async () => {
    const ff = [Buffer.from([0xff]), Buffer.from([0xff, 0x41]), Buffer.from([0xff, 0xfe, 0x00])];
    const others = [
      Buffer.from([0xfe, 0xff]),
      Buffer.from('\\xff-literal'),
      Buffer.from('xff'),
      Buffer.from('ÿ'),
    ];
    for (const k of [...ff, ...others]) await h.client.set(k, 'v');
    const rows = await listAll(matchParams('\\xff*'));
    const names = rows.map((r) =>
      Buffer.from(toBytes({ value: r.key, valueEncoding: r.keyEncoding })).toString('hex'),
    );
    expect(names.sort()).toEqual(ff.map((b) => b.toString('hex')).sort());
    // And the glob escape is still Redis's: \* matches a literal star.
    await h.client.set('lit*star', 'v');
    await h.client.set('litXstar', 'v');
    const star = await listAll(matchParams('lit\\*star'));
    expect(star.map((r) => r.key)).toEqual(['lit*star']);
  });
});
