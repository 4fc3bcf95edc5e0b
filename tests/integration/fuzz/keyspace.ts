import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A digest of the whole keyspace of db 0: every key's DEBUG DIGEST-VALUE and absolute expiry (PEXPIRETIME, so
 * time passing changes nothing), in key order. Needs redis-server started with --enable-debug-command yes.
 * Keys due to expire before `volatileUntil` (epoch ms) may go on their own during a call: they are left out.
 * Pass the same instant before and after a call, so no key moves in or out of the comparison meanwhile.
 */
export interface KeyspaceDigest {
  digest: string;
  keys: number;
  /** Each compared key (latin1) → its value digest and expiry, to name what changed. */
  entries: Map<string, string>;
}

export async function keyspaceDigest(redis: Redis, volatileUntil: number): Promise<KeyspaceDigest> {
  const names: Buffer[] = [];
  let cursor = '0';
  do {
    const [next, page] = (await redis.callBuffer('SCAN', cursor, 'COUNT', 1000)) as [Buffer, Buffer[]];
    cursor = next.toString();
    names.push(...page);
  } while (cursor !== '0');
  names.sort(Buffer.compare);
  const pipe = redis.pipeline();
  for (const n of names) {
    pipe.call('DEBUG', 'DIGEST-VALUE', n);
    pipe.call('PEXPIRETIME', n);
  }
  const replies = names.length ? ((await pipe.exec()) ?? []) : [];
  const hash = createHash('sha256');
  const entries = new Map<string, string>();
  names.forEach((n, i) => {
    const [, value] = replies[2 * i] ?? [];
    const [, expiresAt] = replies[2 * i + 1] ?? [];
    const at = Number(expiresAt);
    // -2: gone since the SCAN listed it (it expired in between).
    if (at === -2 || (at > 0 && at < volatileUntil)) return;
    const entry = `${String(value)} expires ${at}`;
    entries.set(n.toString('latin1'), entry);
    hash.update(n).update('\0').update(entry).update('\n');
  });
  return { digest: hash.digest('hex'), keys: names.length, entries };
}

/** The keys that differ between two digests, for a failure message. */
export function keyspaceChanges(a: KeyspaceDigest, b: KeyspaceDigest): string[] {
  const changed: string[] = [];
  for (const [k, v] of a.entries)
    if (b.entries.get(k) !== v) changed.push(`${JSON.stringify(k)}: ${v} → ${b.entries.get(k) ?? 'gone'}`);
  for (const [k, v] of b.entries) if (!a.entries.has(k)) changed.push(`${JSON.stringify(k)}: new ${v}`);
  return changed.slice(0, 5);
}

/** A few keys of every type and a BullMQ-looking prefix, so that valid calls find something to read and edit. */
export const SEED_KEYS = ['fz:string', 'fz:hash', 'fz:list', 'fz:set', 'fz:zset', 'fz:stream', 'fz:ttl'];

export async function seedKeyspace(redis: Redis): Promise<void> {
  await redis
    .multi()
    .flushdb()
    .set('fz:string', 'hello')
    .set(Buffer.from('fz:\xff\xfebin', 'latin1'), Buffer.from([0xff, 0x00, 0xfe]))
    .hset('fz:hash', 'a', '1', 'b', '2')
    .rpush('fz:list', 'x', 'y', 'z')
    .sadd('fz:set', 'm1', 'm2')
    .zadd('fz:zset', 1, 'one', 2, 'two')
    .xadd('fz:stream', '1-1', 'f', 'v')
    .set('fz:ttl', 'v', 'EX', 3600)
    .exec();
}
