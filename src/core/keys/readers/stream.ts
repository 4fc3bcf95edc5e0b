import type { Redis } from 'ioredis';
import type { StreamEntry, StreamGroup } from '../../../shared/contract';
import { fieldValue } from './hash';
import type { Reader } from './types';

export type RawEntry = [Buffer, Buffer[]];

export function streamEntries(raw: RawEntry[]): StreamEntry[] {
  return raw.map(([id, flat]) => {
    const fields = [];
    for (let i = 0; i + 1 < flat.length; i += 2) fields.push(fieldValue(flat[i]!, flat[i + 1]!));
    return { id: id.toString(), fields };
  });
}

/** XRANGE pages continue after the last id seen (exclusive range), so paging never repeats an entry. */
export const readStream: Reader = async (redis, { key, cursor, limit }) => {
  const start = cursor ? `(${cursor}` : '-';
  const [size, raw, groups] = await Promise.all([
    redis.xlen(key),
    redis.xrangeBuffer(key, start, '+', 'COUNT', limit) as Promise<RawEntry[]>,
    cursor ? Promise.resolve([]) : readGroups(redis, key),
  ]);
  const entries = streamEntries(raw);
  const last = entries.at(-1);
  return {
    size,
    value: { kind: 'stream', entries, groups },
    nextCursor: last && entries.length === limit ? last.id : null,
  };
};

/** XINFO GROUPS replies with flat name/value arrays; `lag` is absent before Redis 7. */
async function readGroups(redis: Redis, key: Buffer): Promise<StreamGroup[]> {
  const raw = (await redis.call('XINFO', 'GROUPS', key)) as unknown[][];
  return raw.map((flat) => {
    const g = new Map<string, unknown>();
    for (let i = 0; i + 1 < flat.length; i += 2) g.set(String(flat[i]), flat[i + 1]);
    const lag = g.get('lag');
    return {
      name: String(g.get('name')),
      consumers: Number(g.get('consumers') ?? 0),
      pending: Number(g.get('pending') ?? 0),
      lastDeliveredId: String(g.get('last-delivered-id') ?? ''),
      lag: lag === null || lag === undefined ? null : Number(lag),
    };
  });
}
