import type { Redis } from 'ioredis';
import { decodeBytes } from '../../bytes';
import { guarded, guardedNumber } from '../guarded';
import { keyBytes, valueBytes, type BytesRef } from '../key-ref';

type Bytes = { value: string; valueEncoding?: 'base64' };
const OK = { ok: true } as const;

/** Writes that are one Redis command on an existing key of a known type. */
export function valueEdits(redis: Redis) {
  return {
    async setString(p: BytesRef & Bytes) {
      await guarded(redis, keyBytes(p), 'string', 'SET', [valueBytes(p), 'KEEPTTL']);
      return OK;
    },
    async hashDelete(p: BytesRef & { fields: Bytes[] }) {
      return { removed: await guardedNumber(redis, keyBytes(p), 'hash', 'HDEL', p.fields.map(valueBytes)) };
    },
    async listPush(p: BytesRef & Bytes & { end: 'head' | 'tail' }) {
      const command = p.end === 'head' ? 'LPUSH' : 'RPUSH';
      return { length: await guardedNumber(redis, keyBytes(p), 'list', command, [valueBytes(p)]) };
    },
    async setAdd(p: BytesRef & { members: Bytes[] }) {
      return { added: await guardedNumber(redis, keyBytes(p), 'set', 'SADD', p.members.map(valueBytes)) };
    },
    async setRemove(p: BytesRef & { members: Bytes[] }) {
      return { removed: await guardedNumber(redis, keyBytes(p), 'set', 'SREM', p.members.map(valueBytes)) };
    },
    async zsetAdd(p: BytesRef & { member: string; memberEncoding?: 'base64'; score: number }) {
      const member = decodeBytes(p.member, p.memberEncoding);
      await guarded(redis, keyBytes(p), 'zset', 'ZADD', [p.score, member]);
      return OK;
    },
    async zsetRemove(p: BytesRef & { members: Bytes[] }) {
      return { removed: await guardedNumber(redis, keyBytes(p), 'zset', 'ZREM', p.members.map(valueBytes)) };
    },
    async streamAdd(
      p: BytesRef & {
        id?: string;
        fields: Array<{ field: string; fieldEncoding?: 'base64' } & Bytes>;
      },
    ) {
      const flat = p.fields.flatMap((f) => [decodeBytes(f.field, f.fieldEncoding), valueBytes(f)]);
      const id = await guarded(redis, keyBytes(p), 'stream', 'XADD', [p.id ?? '*', ...flat]);
      return { id: String(id) };
    },
    async streamDelete(p: BytesRef & { ids: string[] }) {
      return { removed: await guardedNumber(redis, keyBytes(p), 'stream', 'XDEL', p.ids) };
    },
  };
}
