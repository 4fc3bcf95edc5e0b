/**
 * bench:keys — 1,000,000 keys of mixed types (half with a TTL), then in the same run:
 *   baseline: `redis-cli --scan` listing all names (names only);
 *   ours:     QueueDesk's full scan with type and TTL of every key through the core API (`keys.scanAll` over the
 *             serve WebSocket, as the UI gets it), the first page (first 500 keys with type and TTL), and the
 *             host process's peak RSS.
 * Then the walk the Keys panel starts on opening (paced to a tenth of Redis's time) against the unpaced walk,
 * both timed and measured with INFO commandstats.
 * Then the same keys on a 3-primary cluster (bench/keys-cluster.ts).
 * Lines: `keys: ratio=<ours/redis-cli> first_page_ms=<n> rss_mb=<n>`,
 * `keys_walk: redis_time_pct=<n> walk_s=<n> unpaced_redis_time_pct=<n> unpaced_walk_s=<n>` and
 * `keys_cluster: ratio=<ours/redis-cli> first_page_ms=<n> paced_redis_time_pct=<n> paced_walk_s=<n>`. KEYS_BENCH_ONLY=cluster runs the cluster part alone.
 */
import { startTestRedis } from '../tests/helpers/redis-server';
import { busyUsec } from '../tests/helpers/redis-time';
import { peakRssMb } from './peak-rss';
import { startServeProcess } from '../tests/helpers/serve-process';
import { benchKeysCluster } from './keys-cluster';
import { addKey } from './keys-load';
import { redisCliScan } from './redis-cli-scan';
import { scanAll } from './scan-all-client';

const N = Number(process.env.KEYS_BENCH_N ?? 1_000_000);
const BATCH = 10_000;

const log = (line: string): void => console.log(`keys: ${line}`);
const ms = (t0: number): number => Math.round(performance.now() - t0);

async function load(redis: ReturnType<Awaited<ReturnType<typeof startTestRedis>>['client']>): Promise<void> {
  for (let i = 0; i < N; i += BATCH) {
    const p = redis.pipeline();
    for (let j = i; j < Math.min(N, i + BATCH); j++) addKey(p, j);
    await p.exec();
  }
}

/** One whole walk at `share` (undefined: the panel's default): Redis's busy share of its wall time. */
async function measuredWalk(
  admin: ReturnType<Awaited<ReturnType<typeof startTestRedis>>['client']>,
  url: string,
  share: number | undefined,
): Promise<{ pct: number; s: number }> {
  const before = await busyUsec(admin);
  const t0 = performance.now();
  const r = await scanAll(url, share === undefined ? {} : { share });
  const wallMs = performance.now() - t0;
  const pct = ((await busyUsec(admin)) - before) / (wallMs * 10);
  if (r.keys < N) throw new Error(`walk returned ${r.keys} keys, expected ${N}`);
  log(`walk at share ${share ?? 'default'}: ${Math.round(wallMs)} ms, Redis busy ${pct.toFixed(1)} % of it`);
  return { pct, s: wallMs / 1000 };
}

async function main(): Promise<void> {
  if (process.env.KEYS_BENCH_ONLY !== 'cluster') await singleServer();
  await benchKeysCluster(N);
}

async function singleServer(): Promise<void> {
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
      const r = await scanAll(serve.apiUrl, { share: 1 });
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
