import type { Redis } from 'ioredis';
import type { KeyRow, ScanPage } from '../../shared/contract';
import { decodeBytes } from '../bytes';
import { keyField } from './key-ref';
import { runScript, script } from './lua';

/**
 * One SCAN step plus TYPE and PTTL of the keys it returned, in one round trip. Types and TTLs come back
 * as two comma-joined strings so the client parses 3 + n reply items instead of 3n (the client is the
 * bottleneck at a million keys). Each call touches at most `count` slots, so it stays short on the server.
 */
const SCAN_WITH_META = script(`
local r
if ARGV[4] ~= '' then
  r = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3], 'TYPE', ARGV[4])
else
  r = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])
end
local keys = r[2]
local types, ttls = {}, {}
for i = 1, #keys do
  types[i] = redis.call('TYPE', keys[i])['ok']
  ttls[i] = redis.call('PTTL', keys[i])
end
return {r[1], keys, table.concat(types, ','), table.concat(ttls, ',')}
`);

export interface ScanOptions {
  match?: string;
  matchEncoding?: 'base64';
  type?: string;
  count?: number;
}

export const DEFAULT_SCAN_COUNT = 1000;

export function matchBytes(opts: ScanOptions): Buffer {
  return opts.match ? decodeBytes(opts.match, opts.matchEncoding) : Buffer.from('*');
}

export type RawPage = [Buffer, Buffer[], Buffer, Buffer];

/** The server's reply for one page, unparsed; its first item is the next cursor. */
export async function scanRaw(redis: Redis, cursor: string, opts: ScanOptions): Promise<RawPage> {
  return (await runScript(
    redis,
    SCAN_WITH_META,
    [],
    [cursor, matchBytes(opts), opts.count ?? DEFAULT_SCAN_COUNT, opts.type ?? ''],
  )) as RawPage;
}

export function parsePage([next, names, typeText, ttlText]: RawPage): ScanPage {
  const types = names.length ? typeText.toString('latin1').split(',') : [];
  const ttls = names.length ? ttlText.toString('latin1').split(',') : [];
  const keys: KeyRow[] = new Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const ref = keyField(names[i] as Buffer);
    keys[i] = { ...ref, type: types[i] as string, ttlMs: Number(ttls[i]) };
  }
  return { cursor: next.toString('latin1'), keys };
}

export async function scanPage(redis: Redis, cursor: string, opts: ScanOptions): Promise<ScanPage> {
  return parsePage(await scanRaw(redis, cursor, opts));
}
