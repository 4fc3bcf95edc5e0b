import type { Redis } from 'ioredis';
import { runScript, script } from '../../keys/lua';

/**
 * One SCAN step plus TYPE, PTTL, MEMORY USAGE and the element count of each key it returned, in one short
 * call: names come back as one blob with their lengths, the rest as comma-joined lists (a few reply items per
 * page instead of 5n, which kept the client's parsing, not Redis, from being the limit — see scan-page.ts).
 * COUNT stays moderate so one call touches few slots and stays within a couple of ms.
 */
const SCAN_MEASURE = script(`
local r = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])
local keys = r[2]
local samples = ARGV[4]
local lens, types, ttls, mems, els = {}, {}, {}, {}, {}
local counters = { hash = 'HLEN', list = 'LLEN', set = 'SCARD', zset = 'ZCARD', stream = 'XLEN', string = 'STRLEN' }
for i = 1, #keys do
  local k = keys[i]
  local t = redis.call('TYPE', k)['ok']
  lens[i] = #k
  types[i] = t
  ttls[i] = redis.call('PTTL', k)
  mems[i] = redis.call('MEMORY', 'USAGE', k, 'SAMPLES', samples) or -1
  local counter = counters[t]
  els[i] = counter and redis.call(counter, k) or 0
end
return {r[1], table.concat(keys), table.concat(lens, ','), table.concat(types, ','),
  table.concat(ttls, ','), table.concat(mems, ','), table.concat(els, ',')}
`);

export interface MeasuredPage {
  cursor: string;
  /** All names back to back; `lengths` cut them apart. */
  names: Buffer;
  lengths: number[];
  types: string[];
  ttls: number[];
  /** −1 where the key was gone by the time it was measured. */
  bytes: number[];
  elements: number[];
}

type RawReply = [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];

const numbers = (b: Buffer): number[] => (b.length ? b.toString('latin1').split(',').map(Number) : []);

export async function measurePage(
  redis: Redis,
  cursor: string,
  match: Buffer,
  count: number,
  samples: number,
): Promise<MeasuredPage> {
  const [next, names, lens, types, ttls, mems, els] = (await runScript(
    redis,
    SCAN_MEASURE,
    [],
    [cursor, match, count, samples],
  )) as RawReply;
  return {
    cursor: next.toString('latin1'),
    names,
    lengths: numbers(lens),
    types: types.length ? types.toString('latin1').split(',') : [],
    ttls: numbers(ttls),
    bytes: numbers(mems),
    elements: numbers(els),
  };
}
