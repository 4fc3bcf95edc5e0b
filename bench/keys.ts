/**
 * bench:keys — 1,000,000 keys of mixed types (half with a TTL), then in the same run:
 *   baseline: `redis-cli --scan` listing all names (names only);
 *   ours:     QueueDesk's full scan with type and TTL of every key through the core API (`keys.scanAll` over the
 *             serve WebSocket, as the UI gets it), the first page (first 500 keys with type and TTL), and the
 *             host process's peak RSS.
 * Then the walk the Keys panel starts on opening (paced to a tenth of Redis's time) against the unpaced walk,
 * both timed and measured with INFO commandstats.
 * Lines: `keys: ratio=<ours/redis-cli> first_page_ms=<n> rss_mb=<n>` and
 * `keys_walk: redis_time_pct=<n> walk_s=<n> unpaced_redis_time_pct=<n> unpaced_walk_s=<n>`.
 */
import { spawn } from 'node:child_process';
import { findOnPath } from '../src/core/connection/find-binary';
import type { ScanAllEvent } from '../src/shared/contract';
import { startTestRedis } from '../tests/helpers/redis-server';
import { commandStats } from '../tests/helpers/redis-time';
import { peakRssMb } from './peak-rss';
import { startServeProcess } from '../tests/helpers/serve-process';
import WebSocket from 'ws';

const N = Number(process.env.KEYS_BENCH_N ?? 1_000_000);
const BATCH = 10_000;

const log = (line: string): void => console.log(`keys: ${line}`);
const ms = (t0: number): number => Math.round(performance.now() - t0);

async function load(redis: ReturnType<Awaited<ReturnType<typeof startTestRedis>>['client']>): Promise<void> {
  for (let i = 0; i < N; i += BATCH) {
    const p = redis.pipeline();
    for (let j = i; j < Math.min(N, i + BATCH); j++) {
      const key = `bench:${j % 97}:${j}`;
      switch (j % 10) {
        case 6:
          p.hset(key, 'f', 'v', 'g', 'w');
          break;
        case 7:
          p.rpush(key, 'a', 'b');
          break;
        case 8:
          p.sadd(key, 'a', 'b');
          break;
        case 9:
          if (j % 100 === 99) p.xadd(key, '*', 'f', 'v');
          else p.zadd(key, 1, 'a');
          break;
        default:
          p.set(key, 'value');
      }
      if (j % 2 === 0) p.pexpire(key, 3_600_000 + j);
    }
    await p.exec();
  }
}

function redisCliScan(port: number): Promise<number> {
  const cli = findOnPath('redis-cli');
  if (!cli) throw new Error('redis-cli not found (apt-get install redis-tools)');
  return new Promise((resolve, reject) => {
    const p = spawn(cli, ['-p', String(port), '--scan'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    p.stdout.on('data', (d: Buffer) => {
      for (const b of d) if (b === 10) lines++;
    });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(lines) : reject(new Error(`redis-cli exited ${code}`))));
  });
}

/** keys.scanAll through serve on a bare WebSocket, as an outside script would; times the first 500 keys. */
async function scanAll(
  url: string,
  share: number | undefined,
): Promise<{ keys: number; firstPageMs: number }> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const t0 = performance.now();
  let keys = 0;
  let firstPageMs = -1;
  const done = new Promise<void>((resolve, reject) => {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as { event?: string; data?: ScanAllEvent };
      if (frame.event !== 'keys.scanBatch' || !frame.data) return;
      keys += frame.data.keys.length;
      if (firstPageMs < 0 && keys >= 500) firstPageMs = performance.now() - t0;
      if (frame.data.error) reject(new Error(frame.data.error));
      if (frame.data.done) resolve();
    });
  });
  ws.send(JSON.stringify({ id: 1, method: 'keys.scanAll', params: share === undefined ? {} : { share } }));
  await done;
  ws.close();
  return { keys, firstPageMs };
}

/** What the page script runs inside Redis: INFO counts it again inside the EVALSHA's own time. */
const NESTED = ['scan', 'type', 'pttl', 'time'];

/** One whole walk at `share` (undefined: the panel's default): Redis's busy share of its wall time. */
async function measuredWalk(
  admin: ReturnType<Awaited<ReturnType<typeof startTestRedis>>['client']>,
  url: string,
  share: number | undefined,
): Promise<{ pct: number; s: number }> {
  const busy = async (): Promise<number> => {
    const s = await commandStats(admin);
    return s.usec - NESTED.reduce((n, c) => n + (s.byCommand.get(c)?.usec ?? 0), 0);
  };
  const before = await busy();
  const t0 = performance.now();
  const r = await scanAll(url, share);
  const wallMs = performance.now() - t0;
  const pct = ((await busy()) - before) / (wallMs * 10);
  if (r.keys < N) throw new Error(`walk returned ${r.keys} keys, expected ${N}`);
  log(`walk at share ${share ?? 'default'}: ${Math.round(wallMs)} ms, Redis busy ${pct.toFixed(1)} % of it`);
  return { pct, s: wallMs / 1000 };
}

async function main(): Promise<void> {
  const redis = await startTestRedis();
  const serve = await startServeProcess(['--redis', redis.url]);
  try {
    let t0 = performance.now();
    await load(redis.client());
    log(`loaded ${N.toLocaleString('en')} keys of mixed types (half with a TTL) in ${ms(t0)} ms`);

    t0 = performance.now();
    const names = await redisCliScan(redis.port);
    const baselineMs = ms(t0);
    log(`baseline redis-cli --scan: ${names.toLocaleString('en')} names in ${baselineMs} ms`);

    const admin = redis.client();
    await admin.config('RESETSTAT');
    const firstPages: number[] = [];
    let scanMs = Infinity;
    for (let run = 0; run < 3; run++) {
      t0 = performance.now();
      const r = await scanAll(serve.apiUrl, 1);
      scanMs = Math.min(scanMs, ms(t0));
      firstPages.push(r.firstPageMs);
      if (r.keys < N) throw new Error(`scan-all returned ${r.keys} keys, expected ${N}`);
    }
    firstPages.sort((a, b) => a - b);
    const firstPageMs = Math.round(firstPages[1]!);
    log(`queuedesk keys.scanAll with type+TTL: ${N.toLocaleString('en')} keys in ${scanMs} ms (best of 3)`);
    log(`first page (500 keys with type+TTL): ${firstPageMs} ms (median of 3)`);
    const stats = await admin.info('commandstats');
    const scriptUs = [...stats.matchAll(/cmdstat_eval(?:sha)?:calls=\d+,usec=(\d+)/g)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    );
    // Redis runs one command at a time: its own time per full scan is the floor for any client.
    log(`of which Redis busy running the page scripts: ${Math.round(scriptUs / 3 / 1000)} ms per full scan`);
    const rss = peakRssMb(serve.proc.pid!);
    log(`host peak RSS: ${rss} MB`);
    const ratio = scanMs / baselineMs;
    console.log(`keys: ratio=${ratio.toFixed(2)} first_page_ms=${firstPageMs} rss_mb=${rss}`);

    const unpaced = await measuredWalk(admin, serve.apiUrl, 1);
    const paced = await measuredWalk(admin, serve.apiUrl, undefined);
    console.log(
      `keys_walk: redis_time_pct=${paced.pct.toFixed(1)} walk_s=${paced.s.toFixed(1)} ` +
        `unpaced_redis_time_pct=${unpaced.pct.toFixed(1)} unpaced_walk_s=${unpaced.s.toFixed(1)}`,
    );
  } finally {
    await serve.stop();
    await redis.stop();
  }
}

await main();
