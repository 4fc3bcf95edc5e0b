import type { Redis } from 'ioredis';
import { runScript, script } from '../../keys/lua';

/**
 * TYPE, PTTL, MEMORY USAGE and the element count of the given keys in one short call, the answers as
 * comma-joined lists (four reply items instead of 4n: at a million keys the client's reply parsing, not Redis,
 * is the limit — see scan-page.ts). The caller keeps each call to a few hundred keys, about a millisecond.
 */
const MEASURE = script(`
local samples = ARGV[1]
local types, ttls, mems, els = {}, {}, {}, {}
local counters = { hash = 'HLEN', list = 'LLEN', set = 'SCARD', zset = 'ZCARD', stream = 'XLEN', string = 'STRLEN' }
for i = 1, #KEYS do
  local k = KEYS[i]
  local t = redis.call('TYPE', k)['ok']
  types[i] = t
  ttls[i] = redis.call('PTTL', k)
  mems[i] = redis.call('MEMORY', 'USAGE', k, 'SAMPLES', samples) or -1
  local counter = counters[t]
  els[i] = counter and redis.call(counter, k) or 0
end
return {table.concat(types, ','), table.concat(ttls, ','), table.concat(mems, ','), table.concat(els, ',')}
`);

export interface MeasuredKeys {
  /** Key names as latin1 strings (one char per byte, so any bytes round-trip). */
  names: string[];
  types: string[];
  ttls: number[];
  /** −1 where the key was gone by the time it was measured. */
  bytes: number[];
  elements: number[];
}

const numbers = (b: Buffer): number[] => (b.length ? b.toString('latin1').split(',').map(Number) : []);

export async function measureKeys(redis: Redis, keys: Buffer[], samples: number): Promise<MeasuredKeys> {
  const [types, ttls, mems, els] = (await runScript(redis, MEASURE, keys, [samples])) as Buffer[];
  return {
    names: keys.map((k) => k.toString('latin1')),
    types: types!.length ? types!.toString('latin1').split(',') : [],
    ttls: numbers(ttls!),
    bytes: numbers(mems!),
    elements: numbers(els!),
  };
}
