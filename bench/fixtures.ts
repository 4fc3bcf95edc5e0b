/**
 * bench:fixtures — keys.export / keys.import of 200k keys (about 230 MB of values) on a real redis-server, the
 * core in this process, RSS sampled every 10 ms. Baseline, in the same run: the naive way, SCAN + GET of every
 * value into memory (what "export" costs without streaming), and its keys/s.
 * Last line: `fixtures: peak_rss_mb=<n> baseline_rss_mb=<n> ratio=<n> export_keys_per_s=<n> baseline_keys_per_s=<n>`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { CoreHost } from '../src/core/host';
import type { MethodName, Params, Result } from '../src/shared/contract';
import { startTestRedis } from '../tests/helpers/redis-server';

const KEYS = 200_000;
const VALUE = 'x'.repeat(1150);
const log = (line: string): void => console.log(`fixtures: ${line}`);
const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Runs `fn` while sampling RSS; returns the peak growth over the RSS just before, and the time taken. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number; ms: number }> {
  gc();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMb: Math.round((peak - base) / MB), ms: Math.round(performance.now() - t0) };
  } finally {
    clearInterval(timer);
  }
}

async function seed(redis: Redis): Promise<void> {
  for (let i = 0; i < KEYS; i += 5000) {
    const p = redis.pipeline();
    for (let j = i; j < i + 5000; j++) {
      if (j % 100 === 0) p.hset(`bench:h:${j}`, { a: VALUE, b: VALUE.slice(100) });
      else p.set(`bench:s:${j}`, VALUE, 'PX', 3_600_000);
    }
    await p.exec();
  }
}

/** The naive export: every value read into one array (no file). */
async function naive(redis: Redis): Promise<number> {
  const values: Array<Buffer | null> = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scanBuffer(cursor, 'MATCH', 'bench:s:*', 'COUNT', 500);
    cursor = next.toString();
    if (keys.length) values.push(...(await redis.mgetBuffer(...keys)));
  } while (cursor !== '0');
  return values.length;
}

async function main(): Promise<void> {
  const server = await startTestRedis(['--maxmemory', '0']);
  const dataDir = mkdtempSync(join(tmpdir(), 'qd-bench-fx-'));
  const host = new CoreHost({ dataDir });
  const call = async <M extends MethodName>(m: M, p: Params<M>): Promise<Result<M>> => {
    const r = await host.call(m, p);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.data as Result<M>;
  };
  try {
    await call('connection.connect', { mode: 'url', url: server.url });
    const redis = server.client();
    await seed(redis);
    const base = await measured(() => naive(redis));
    const baseRate = Math.round((base.value / base.ms) * 1000);
    log(
      `baseline: SCAN + MGET of ${base.value.toLocaleString()} values into memory in ${base.ms} ms, peak RSS +${base.peakMb} MB`,
    );
    let worst = 0;
    let rate = 0;
    for (const format of ['jsonl', 'dump'] as const) {
      const path = join(dataDir, `all.${format}.jsonl`);
      const ex = await measured(() => call('keys.export', { match: 'bench:*', format, path }));
      const size = Math.round(statSync(path).size / MB);
      const exRate = Math.round((ex.value.keys / ex.ms) * 1000);
      if (format === 'jsonl') rate = exRate;
      log(
        `export ${format}: ${ex.value.keys.toLocaleString()} keys, ${size} MB file in ${ex.ms} ms (${exRate} keys/s), peak RSS +${ex.peakMb} MB`,
      );
      await redis.flushdb();
      const im = await measured(() => call('keys.import', { path, onExisting: 'skip' }));
      log(
        `import ${format}: ${im.value.imported.toLocaleString()} keys in ${im.ms} ms (${Math.round((im.value.imported / im.ms) * 1000)} keys/s), peak RSS +${im.peakMb} MB, ${im.value.errorCount} errors`,
      );
      worst = Math.max(worst, ex.peakMb, im.peakMb);
      rmSync(path);
    }
    const ratio = (worst / Math.max(1, base.peakMb)).toFixed(2);
    log(
      `peak_rss_mb=${worst} baseline_rss_mb=${base.peakMb} ratio=${ratio} export_keys_per_s=${rate} baseline_keys_per_s=${baseRate}`,
    );
  } finally {
    await host.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
