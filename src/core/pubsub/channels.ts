import type { Redis } from 'ioredis';
import type { ActiveChannels } from '../../shared/contract';
import { encodeBytes } from '../bytes';

/** Listing stops here: a busy server can have many thousands of channels. */
export const CHANNEL_LIST_LIMIT = 1000;

/** PUBSUB CHANNELS (and SHARDCHANNELS on Redis 7+) with subscriber counts, busiest first, plus NUMPAT. */
export async function activeChannels(client: Redis, match: string, shards: boolean): Promise<ActiveChannels> {
  const [names, shardNames, patterns] = await Promise.all([
    client.callBuffer('PUBSUB', 'CHANNELS', match) as Promise<Buffer[]>,
    shards ? (client.callBuffer('PUBSUB', 'SHARDCHANNELS', match) as Promise<Buffer[]>) : Promise.resolve([]),
    client.call('PUBSUB', 'NUMPAT') as Promise<number>,
  ]);
  const plain = names.slice(0, CHANNEL_LIST_LIMIT);
  const sharded = shardNames.slice(0, CHANNEL_LIST_LIMIT - plain.length);
  const [counts, shardCounts] = await Promise.all([
    numsub(client, 'NUMSUB', plain),
    numsub(client, 'SHARDNUMSUB', sharded),
  ]);
  const rows: ActiveChannels['channels'] = [];
  const add = (list: Buffer[], subs: number[], shard: boolean): void =>
    list.forEach((name, i) => {
      const enc = encodeBytes(name);
      rows.push({
        channel: enc.text,
        subscribers: subs[i] ?? 0,
        ...(enc.encoding ? { channelEncoding: enc.encoding } : {}),
        ...(shard ? { shard: true as const } : {}),
      });
    });
  add(plain, counts, false);
  add(sharded, shardCounts, true);
  rows.sort((a, b) => b.subscribers - a.subscribers || a.channel.localeCompare(b.channel));
  return {
    channels: rows,
    patterns: Number(patterns),
    truncated: names.length + shardNames.length > rows.length,
  };
}

/**
 * On a cluster each node knows only its own subscribers: the lists of every node, summed per channel (and the
 * pattern counts too).
 */
export async function activeChannelsOnNodes(
  nodes: Redis[],
  match: string,
  shards: boolean,
): Promise<ActiveChannels> {
  const lists = await Promise.all(nodes.map((n) => activeChannels(n, match, shards)));
  const rows = new Map<string, ActiveChannels['channels'][number]>();
  for (const row of lists.flatMap((l) => l.channels)) {
    const id = `${row.shard ? 's' : 'c'}:${row.channelEncoding ?? ''}:${row.channel}`;
    const seen = rows.get(id);
    if (seen) seen.subscribers += row.subscribers;
    else rows.set(id, { ...row });
  }
  const all = [...rows.values()].sort(
    (a, b) => b.subscribers - a.subscribers || a.channel.localeCompare(b.channel),
  );
  return {
    channels: all.slice(0, CHANNEL_LIST_LIMIT),
    patterns: lists.reduce((sum, l) => sum + l.patterns, 0),
    truncated: all.length > CHANNEL_LIST_LIMIT || lists.some((l) => l.truncated),
  };
}

/** NUMSUB replies `[name, count, name, count…]`; only the counts are needed, in order. */
async function numsub(client: Redis, sub: 'NUMSUB' | 'SHARDNUMSUB', names: Buffer[]): Promise<number[]> {
  if (names.length === 0) return [];
  const reply = (await client.call('PUBSUB', sub, ...names)) as unknown[];
  return names.map((_, i) => Number(reply[i * 2 + 1]));
}
