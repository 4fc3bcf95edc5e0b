import { isAscii } from 'node:buffer';
import type { Redis } from 'ioredis';
import type { KeyRow, ScanPage } from '../../shared/contract';
import { decodeBytes, encodeBytes } from '../bytes';
import { slotOf } from './cluster/primaries';
import { runScript, script } from './lua';

/**
 * One SCAN step plus TYPE and PTTL of the keys it returned, in one round trip. The names come back as one
 * blob with their lengths, types and TTLs as comma-joined strings: five reply items per page instead of 3n,
 * because at a million keys the client's reply parsing, not Redis, was the bottleneck. Each call touches
 * at most `count` slots (about 3 ms of server time at 1000), so it stays short on a shared server. The last
 * item is the script's own run time in µs, which a paced walk uses to keep its share of Redis's time.
 */
const SCAN_WITH_META = script(`
local t0 = redis.call('TIME')
local r
if ARGV[4] ~= '' then
  r = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3], 'TYPE', ARGV[4])
else
  r = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])
end
local keys = r[2]
local types, ttls, lens = {}, {}, {}
for i = 1, #keys do
  local k = keys[i]
  types[i] = redis.call('TYPE', k)['ok']
  ttls[i] = redis.call('PTTL', k)
  lens[i] = #k
end
local t1 = redis.call('TIME')
local us = (t1[1] - t0[1]) * 1000000 + (t1[2] - t0[2])
return {r[1], table.concat(keys), table.concat(lens, ','), table.concat(types, ','), table.concat(ttls, ','), us}
`);

export interface ScanOptions {
  match?: string;
  matchEncoding?: 'base64';
  type?: string;
  count?: number;
  /** Tag each row with its hash slot (on a cluster), computed from the name's bytes as they came. */
  slots?: boolean;
}

export const DEFAULT_SCAN_COUNT = 1000;

export function matchBytes(opts: ScanOptions): Buffer {
  return opts.match ? decodeBytes(opts.match, opts.matchEncoding) : Buffer.from('*');
}

export type RawPage = [
  cursor: Buffer,
  names: Buffer,
  lengths: Buffer,
  types: Buffer,
  ttls: Buffer,
  serverUs: number,
];

/** The server's reply for one page, unparsed; its first item is the next cursor. */
export async function scanRaw(redis: Redis, cursor: string, opts: ScanOptions): Promise<RawPage> {
  return (await runScript(
    redis,
    SCAN_WITH_META,
    [],
    [cursor, matchBytes(opts), opts.count ?? DEFAULT_SCAN_COUNT, opts.type ?? ''],
  )) as RawPage;
}

const commaList = (b: Buffer): string[] => (b.length ? b.toString('latin1').split(',') : []);

const COMMA = 44;
const MINUS = 45;

/** Comma-joined integers (`-1` too), read from the bytes: no string per number. */
function numberList(b: Buffer): number[] {
  const out: number[] = [];
  if (!b.length) return out;
  let n = 0;
  let sign = 1;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c === COMMA) {
      out.push(sign * n);
      n = 0;
      sign = 1;
    } else if (c === MINUS) sign = -1;
    else n = n * 10 + (c - 48);
  }
  out.push(sign * n);
  return out;
}

export function parsePage([next, blob, lenText, typeText, ttlText]: RawPage, withSlots = false): ScanPage {
  const lengths = numberList(lenText);
  const types = commaList(typeText);
  const ttls = numberList(ttlText);
  const keys: KeyRow[] = new Array(lengths.length);
  // Names all in ASCII (the usual case) are cut from one decoded string: no UTF-8 check per name.
  const ascii = isAscii(blob) ? blob.toString('latin1') : null;
  let at = 0;
  for (let i = 0; i < lengths.length; i++) {
    const end = at + lengths[i]!;
    const name = ascii !== null ? null : encodeBytes(blob.subarray(at, end));
    const row: KeyRow = name?.encoding
      ? { key: name.text, keyEncoding: name.encoding, type: types[i]!, ttlMs: ttls[i]! }
      : { key: name ? name.text : ascii!.slice(at, end), type: types[i]!, ttlMs: ttls[i]! };
    if (withSlots) row.slot = slotOf(blob.subarray(at, end));
    keys[i] = row;
    at = end;
  }
  return { cursor: next.toString('latin1'), keys };
}

export async function scanPage(redis: Redis, cursor: string, opts: ScanOptions): Promise<ScanPage> {
  return parsePage(await scanRaw(redis, cursor, opts), opts.slots);
}
