import type { Redis } from 'ioredis';
import { ApiError } from '../../shared/result';
import { decodeBytes } from '../bytes';
import { gone, mapScriptError } from './errors';
import { keyBytes, type BytesRef } from './key-ref';
import { runScript, script } from './lua';

type Bytes = { value: string; valueEncoding?: 'base64' };

/** One slice of a string, always as base64 so byte offsets stay exact whatever the bytes are. */
export async function getRange(redis: Redis, p: BytesRef & { start: number; length: number }) {
  const key = keyBytes(p);
  const replies = await redis
    .multi()
    .type(key)
    .strlen(key)
    .getrangeBuffer(key, p.start, p.start + p.length - 1)
    .exec();
  const [type, strlen, chunk] = (replies ?? []).map(([err, v]) => (err ? null : v)) as [
    string | null,
    number | null,
    Buffer | null,
  ];
  if (type === 'none') throw gone();
  if (type !== 'string' || strlen === null || !chunk)
    throw new ApiError('CONFLICT', `key is a ${type ?? 'different type'}, not a string: reload it`);
  return {
    length: strlen,
    start: p.start,
    value: chunk.toString('base64'),
    valueEncoding: 'base64' as const,
  };
}

/**
 * Replaces bytes [start, end) of a string, only while the string still has the length the user loaded and
 * those bytes are still the ones shown: editing one segment of a huge value never sends the whole value.
 * Same length: SETRANGE in place; else Redis splices head .. new .. tail itself (TTL kept).
 */
const REPLACE = script(`
local t = redis.call('TYPE', KEYS[1])['ok']
if t == 'none' then return redis.error_reply('GONE') end
if t ~= 'string' then return redis.error_reply('NOWTYPE ' .. t .. ' string') end
local len = redis.call('STRLEN', KEYS[1])
local s, e = tonumber(ARGV[1]), tonumber(ARGV[2])
if len ~= tonumber(ARGV[3]) or e > len then return redis.error_reply('CHANGED') end
if e > s and redis.call('GETRANGE', KEYS[1], s, e - 1) ~= ARGV[4] then return redis.error_reply('CHANGED') end
local new = ARGV[5]
if #new == e - s then
  if #new > 0 then redis.call('SETRANGE', KEYS[1], s, new) end
  return len
end
local head = ''
if s > 0 then head = redis.call('GETRANGE', KEYS[1], 0, s - 1) end
local tail = ''
if e < len then tail = redis.call('GETRANGE', KEYS[1], e, -1) end
redis.call('SET', KEYS[1], head .. new .. tail, 'KEEPTTL')
return len - (e - s) + #new
`);

export interface ReplaceRangeParams extends BytesRef, Bytes {
  start: number;
  end: number;
  expectedLength: number;
  expected: string;
  expectedEncoding?: 'base64';
}

export async function replaceRange(redis: Redis, p: ReplaceRangeParams): Promise<{ length: number }> {
  if (p.end < p.start) throw new ApiError('INVALID_INPUT', 'end must not be before start');
  const expected = decodeBytes(p.expected, p.expectedEncoding);
  if (expected.length !== p.end - p.start)
    throw new ApiError('INVALID_INPUT', 'expected must hold exactly the bytes from start to end');
  try {
    const args = [p.start, p.end, p.expectedLength, expected, decodeBytes(p.value, p.valueEncoding)];
    return { length: Number(await runScript(redis, REPLACE, [keyBytes(p)], args)) };
  } catch (err) {
    throw mapScriptError(err);
  }
}
