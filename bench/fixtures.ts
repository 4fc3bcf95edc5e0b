/**
 * bench:fixtures — keys.export / keys.import of 200k keys (about 230 MB of values) on a real redis-server, the
 * core in this process, RSS sampled every 10 ms. Baselines, in the same run: for export the naive way, SCAN + MGET
 * of every value into memory (what "export" costs without streaming); for import a plain pipelined SET of the
 * same keys and values (no file, no checks). BENCH_KEYS=<n> runs a smaller keyspace (e.g. under --cpu-prof).
 * Last line: `fixtures: export_ratio=<n> import_ratio=<n> peak_rss_ratio=<n> …` (the ratios are ours over the
 * baseline's keys/s, the worse of the two file forms; peak RSS over the naive export's).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { CoreHost } from '../src/core/host';
import type { MethodName, Params, Result } from '../src/shared/contract';
import { startTestRedis } from '../tests/helpers/redis-server';

const KEYS = Number(process.env.BENCH_KEYS ?? 200_000);
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

/** The naive import: the same keys and values SET in pipelines of 1,000, nothing read or checked. */
async function plainSet(redis: Redis): Promise<number> {
  for (let i = 0; i < KEYS; i += 1000) {
    const p = redis.pipeline();
    for (let j = i; j < Math.min(KEYS, i + 1000); j++) p.set(`bench:s:${j}`, VALUE, 'PX', 3_600_000);
    await p.exec();
  }
  return KEYS;
}

const perSecond = (n: number, ms: number): number => Math.round((n / Math.max(1, ms)) * 1000);

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
    const baseRate = perSecond(base.value, base.ms);
    log(
      `baseline: SCAN + MGET of ${base.value.toLocaleString()} values into memory in ${base.ms} ms (${baseRate} keys/s), peak RSS +${base.peakMb} MB`,
    );
    // The faster of two runs: the first one also pays for Redis growing its tables.
    let setRate = 0;
    for (let run = 0; run < 2; run++) {
      await redis.flushdb();
      const set = await measured(() => plainSet(redis));
      setRate = Math.max(setRate, perSecond(set.value, set.ms));
      log(`baseline: pipelined SET of ${set.value.toLocaleString()} keys in ${set.ms} ms`);
    }
    await redis.flushdb();
    await seed(redis);
    let worst = 0;
    let exportRate = Infinity;
    let importRate = Infinity;
    for (const format of ['jsonl', 'dump'] as const) {
      const path = join(dataDir, `all.${format}.jsonl`);
      const ex = await measured(() => call('keys.export', { match: 'bench:*', format, path }));
      const size = Math.round(statSync(path).size / MB);
      const exRate = perSecond(ex.value.keys, ex.ms);
      exportRate = Math.min(exportRate, exRate);
      log(
        `export ${format}: ${ex.value.keys.toLocaleString()} keys, ${size} MB file in ${ex.ms} ms (${exRate} keys/s), peak RSS +${ex.peakMb} MB`,
      );
      await redis.flushdb();
      const im = await measured(() => call('keys.import', { path, onExisting: 'skip' }));
      const imRate = perSecond(im.value.imported, im.ms);
      importRate = Math.min(importRate, imRate);
      log(
        `import ${format}: ${im.value.imported.toLocaleString()} keys in ${im.ms} ms (${imRate} keys/s), peak RSS +${im.peakMb} MB, ${im.value.errorCount} errors`,
      );
      worst = Math.max(worst, ex.peakMb, im.peakMb);
      rmSync(path);
    }
    const ratio = (worst / Math.max(1, base.peakMb)).toFixed(2);
    log(
      `export_ratio=${(exportRate / baseRate).toFixed(2)} import_ratio=${(importRate / setRate).toFixed(2)} peak_rss_ratio=${ratio} peak_rss_mb=${worst} baseline_rss_mb=${base.peakMb} export_keys_per_s=${exportRate} baseline_keys_per_s=${baseRate} import_keys_per_s=${importRate} set_keys_per_s=${setRate}`,
    );
  } finally {
    await host.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
