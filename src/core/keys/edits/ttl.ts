import type { Redis } from 'ioredis';
import { mapScriptError } from '../errors';
import { keyBytes, type BytesRef } from '../key-ref';
import { runScript, script } from '../lua';

export type TtlChange = BytesRef & ({ ttlMs: number } | { persist: true } | { expireAt: number });

/** Changes the expiry of an existing key and answers the TTL it has afterwards. */
const SET_TTL = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return redis.error_reply('GONE') end
if ARGV[1] == 'persist' then redis.call('PERSIST', KEYS[1])
elseif ARGV[1] == 'at' then redis.call('PEXPIREAT', KEYS[1], ARGV[2])
else redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return redis.call('PTTL', KEYS[1])
`);

export async function setTtl(redis: Redis, change: TtlChange): Promise<{ ttlMs: number }> {
  const args =
    'persist' in change
      ? ['persist', '0']
      : 'expireAt' in change
        ? ['at', String(change.expireAt)]
        : ['in', String(change.ttlMs)];
  try {
    // An absolute time in the past deletes the key; PTTL then answers −2.
    return { ttlMs: Number(await runScript(redis, SET_TTL, [keyBytes(change)], args)) };
  } catch (err) {
    throw mapScriptError(err);
  }
}
