import type { Redis } from 'ioredis';
import type { CreateKeyInput } from '../../../shared/contract';
import { decodeBytes } from '../../bytes';
import { mapScriptError } from '../errors';
import type { Arg } from '../guarded';
import { keyBytes, valueBytes } from '../key-ref';
import { runScript, script } from '../lua';

/** Creates the key only if the name is free, with its first contents and TTL in one atomic step. */
const CREATE = script(`
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('EXISTS') end
redis.call(ARGV[2], KEYS[1], unpack(ARGV, 3))
if ARGV[1] ~= '0' then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 1
`);

function firstWrite(input: CreateKeyInput): [string, Arg[]] {
  switch (input.type) {
    case 'string':
      return ['SET', [valueBytes(input)]];
    case 'hash':
      return ['HSET', input.fields.flatMap((f) => [decodeBytes(f.field, f.fieldEncoding), valueBytes(f)])];
    case 'list':
      return ['RPUSH', input.items.map(valueBytes)];
    case 'set':
      return ['SADD', input.members.map(valueBytes)];
    case 'zset':
      return ['ZADD', input.members.flatMap((m) => [m.score, decodeBytes(m.member, m.memberEncoding)])];
    case 'stream':
      return [
        'XADD',
        ['*', ...input.fields.flatMap((f) => [decodeBytes(f.field, f.fieldEncoding), valueBytes(f)])],
      ];
  }
}

export async function createKey(redis: Redis, input: CreateKeyInput): Promise<{ ok: true }> {
  const [command, args] = firstWrite(input);
  try {
    await runScript(redis, CREATE, [keyBytes(input)], [input.ttlMs ?? 0, command, ...args]);
  } catch (err) {
    throw mapScriptError(err);
  }
  return { ok: true };
}
