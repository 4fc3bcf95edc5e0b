/**
 * What `keys.countPattern` holds while it counts 1M matches: peak resident memory (VmHWM) of a fresh process
 * counting them the old way (a Set of the names as strings) and the current way (NameSet's 8-byte
 * fingerprints), against one real redis-server filled by DEBUG POPULATE. Last line:
 * `countPattern: matches=… set_rss_mb=<peak growth> nameset_rss_mb=<peak growth> …`.
 *
 * `node --import tsx bench/count-pattern.ts`; COUNT_KEYS (default 1000000) sets the keys.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { countPattern } from '../src/core/keys/pattern';
import { startTestRedis } from '../tests/helpers/redis-server';
import { peakRssMb } from './peak-rss';

const KEYS = Number(process.env.COUNT_KEYS ?? 1_000_000);
const rssMb = (): number =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024);

/** The child: counts `match:*` on the port, one way, and prints what it cost. */
async function child(way: string, port: number): Promise<void> {
  const redis = new Redis({ port, lazyConnect: true });
  await redis.connect();
  await redis.ping();
  const base = rssMb();
  const started = Date.now();
  let count: number;
  if (way === 'set') {
    const seen = new Set<string>();
    const stream = redis.scanBufferStream({ match: 'match:*', count: 1000 });
    for await (const names of stream as AsyncIterable<Buffer[]>)
      for (const n of names) seen.add(n.toString('latin1'));
    count = seen.size;
  } else {
    count = (await countPattern(redis, { match: 'match:*' })).count;
  }
  const ms = Date.now() - started;
  console.log(JSON.stringify({ count, ms, growth: peakRssMb(process.pid) - base }));
  redis.disconnect();
}

if (process.argv[2]) {
  await child(process.argv[2], Number(process.argv[3]));
} else {
  const redis = await startTestRedis(['--enable-debug-command', 'yes']);
  const admin = redis.client();
  await admin.call('DEBUG', 'POPULATE', String(KEYS), 'match');
  const run = async (way: string): Promise<{ count: number; ms: number; growth: number }> => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/count-pattern.ts', way, String(redis.port)],
      { encoding: 'utf8' },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as { count: number; ms: number; growth: number };
  };
  const set = await run('set');
  const names = await run('nameset');
  if (set.count !== KEYS || names.count !== KEYS) throw new Error(`counted ${set.count} / ${names.count}`);
  console.log(
    `countPattern: matches=${KEYS} set_rss_mb=${set.growth} nameset_rss_mb=${names.growth} ` +
      `(peak RSS growth while counting) set_ms=${set.ms} nameset_ms=${names.ms}`,
  );
  admin.disconnect();
  await redis.stop();
}
