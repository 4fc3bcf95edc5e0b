import type { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { decodeBytes } from '../../bytes';
import { mapScriptError } from '../errors';
import { keyBytes, valueBytes, type BytesRef } from '../key-ref';
import { runScript, script, type Script } from '../lua';

type Bytes = { value: string; valueEncoding?: 'base64' };
const OK = { ok: true } as const;

const TYPE_CHECK = (type: string): string => `
local t = redis.call('TYPE', KEYS[1])['ok']
if t == 'none' then return redis.error_reply('GONE') end
if t ~= '${type}' then return redis.error_reply('NOWTYPE ' .. t .. ' ${type}') end
`;

/** Sets a field and, when the user renamed it, removes the old name in the same step. */
const HASH_SET = script(`${TYPE_CHECK('hash')}
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[3] == '1' and ARGV[4] ~= ARGV[1] then redis.call('HDEL', KEYS[1], ARGV[4]) end
return 1
`);

/** List items have no identity but their place: write only while the place still holds what the user saw. */
const LIST_SET = script(`${TYPE_CHECK('list')}
if redis.call('LINDEX', KEYS[1], ARGV[1]) ~= ARGV[2] then return redis.error_reply('CHANGED') end
redis.call('LSET', KEYS[1], ARGV[1], ARGV[3])
return 1
`);

/** Removing by index: mark the item with a unique value, then remove that one value. */
const LIST_REMOVE = script(`${TYPE_CHECK('list')}
if redis.call('LINDEX', KEYS[1], ARGV[1]) ~= ARGV[2] then return redis.error_reply('CHANGED') end
redis.call('LSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('LREM', KEYS[1], 1, ARGV[3])
return 1
`);

async function run(redis: Redis, s: Script, key: Buffer, args: Array<string | Buffer>): Promise<typeof OK> {
  try {
    await runScript(redis, s, [key], args);
    return OK;
  } catch (err) {
    throw mapScriptError(err);
  }
}

export function itemEdits(redis: Redis) {
  return {
    hashSet(
      p: BytesRef &
        Bytes & { field: string; fieldEncoding?: 'base64'; oldField?: string; oldFieldEncoding?: 'base64' },
    ) {
      const field = decodeBytes(p.field, p.fieldEncoding);
      const old = p.oldField === undefined ? null : decodeBytes(p.oldField, p.oldFieldEncoding);
      const args = [field, valueBytes(p), old ? '1' : '0', old ?? ''];
      return run(redis, HASH_SET, keyBytes(p), args);
    },
    listSet(p: BytesRef & Bytes & { index: number; expected: string; expectedEncoding?: 'base64' }) {
      const expected = decodeBytes(p.expected, p.expectedEncoding);
      return run(redis, LIST_SET, keyBytes(p), [String(p.index), expected, valueBytes(p)]);
    },
    listRemove(p: BytesRef & { index: number; expected: string; expectedEncoding?: 'base64' }) {
      const expected = decodeBytes(p.expected, p.expectedEncoding);
      const marker = Buffer.concat([Buffer.from('__queuedesk_removed__'), randomBytes(16)]);
      return run(redis, LIST_REMOVE, keyBytes(p), [String(p.index), expected, marker]);
    },
  };
}
