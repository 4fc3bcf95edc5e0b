import type { Redis } from 'ioredis';
import { runScript, script } from '../../keys/lua';

/**
 * One step of the analysis in one script call: a SCAN step (or the keys given), then TYPE, PTTL,
 * MEMORY USAGE and the element count of each name, inside Redis. Doing the SCAN in the script means the
 * names cross the wire once instead of three times (SCAN reply, EVALSHA arguments, our parse of both), which
 * was most of the host's work at a million keys.
 *
 * The call watches Redis' own clock (TIME every 16 keys) and stops measuring once `budgetUs` has passed, so
 * it stays short whatever the page holds; the names it did not reach come back unmeasured and the caller
 * sends them again in "keys" mode. At least 16 keys are measured per call, so a walk always moves on.
 *
 * Reply: cursor ("" in keys mode), the names as one blob, their lengths, how many were measured, the
 * distinct type names, then per measured key its type's index, PTTL, bytes (−1 = gone) and elements, every
 * list comma-joined (a handful of reply items per call, not 4n), and the call's own duration in µs.
 */
const ANALYZE_STEP = script(`
local function now()
  local t = redis.call('TIME')
  return t[1] * 1000000 + t[2]
end
local started = now()
local mode, samples, budget = ARGV[1], ARGV[2], tonumber(ARGV[3])
local cursor, keys = '', {}
if mode == 'keys' then
  for i = 4, #ARGV do keys[#keys + 1] = ARGV[i] end
elseif mode == 'scan' then
  local r = redis.call('SCAN', ARGV[4], 'MATCH', ARGV[5], 'COUNT', ARGV[6])
  cursor, keys = r[1], r[2]
end
local counters = { hash = 'HLEN', list = 'LLEN', set = 'SCARD', zset = 'ZCARD', stream = 'XLEN', string = 'STRLEN' }
local typeNames, typeIndex = {}, {}
local lens, types, ttls, mems, els = {}, {}, {}, {}, {}
local measured = 0
for i = 1, #keys do
  lens[i] = #keys[i]
end
for i = 1, #keys do
  if i > 1 and i % 16 == 1 and now() - started > budget then break end
  local k = keys[i]
  local t = redis.call('TYPE', k)['ok']
  local ix = typeIndex[t]
  if not ix then
    typeNames[#typeNames + 1] = t
    ix = #typeNames - 1
    typeIndex[t] = ix
  end
  types[i] = ix
  if t == 'none' then
    ttls[i], mems[i], els[i] = -2, -1, 0
  else
    ttls[i] = redis.call('PTTL', k)
    mems[i] = redis.call('MEMORY', 'USAGE', k, 'SAMPLES', samples) or -1
    local counter = counters[t]
    els[i] = counter and redis.call(counter, k) or 0
  end
  measured = i
end
return { cursor, table.concat(keys), table.concat(lens, ','), measured, table.concat(typeNames, ','),
  table.concat(types, ','), table.concat(ttls, ','), table.concat(mems, ','), table.concat(els, ','),
  now() - started }
`);

export type RawStep = [
  cursor: Buffer,
  names: Buffer,
  lengths: Buffer,
  measured: number,
  typeNames: Buffer,
  types: Buffer,
  ttls: Buffer,
  bytes: Buffer,
  elements: Buffer,
  elapsedUs: number,
];

export interface StepOptions {
  samples: number;
  /** Stop measuring after this much of Redis' time (µs); the rest comes back unmeasured. */
  budgetUs: number;
}

/** A SCAN step from `cursor` with its keys measured (as far as the budget goes). */
export function scanStep(
  redis: Redis,
  cursor: string,
  match: string,
  count: number,
  opts: StepOptions,
): Promise<RawStep> {
  const args = ['scan', opts.samples, opts.budgetUs, cursor, match, count];
  return runScript(redis, ANALYZE_STEP, [], args) as Promise<RawStep>;
}

/** The given names measured (as far as the budget goes): the rest of a step the budget cut short. */
export function keysStep(redis: Redis, keys: Buffer[], opts: StepOptions): Promise<RawStep> {
  // As arguments, not KEYS: a cluster node refuses KEYS of several slots (CROSSSLOT); the SCAN step's names
  // are not declared either, and both only ever name keys of the node that runs the script.
  return runScript(
    redis,
    ANALYZE_STEP,
    [],
    ['keys', opts.samples, opts.budgetUs, ...keys],
  ) as Promise<RawStep>;
}
