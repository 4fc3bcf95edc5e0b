/**
 * bench:analyze — 1,000,000 keys (strings, hashes, lists, sets, sorted sets; a third with a TTL), then in the
 * same run:
 *   baseline: `redis-cli --memkeys` (SCAN, TYPE and MEMORY USAGE of every key, the biggest per type);
 *   ours:     `keys.analyze` over the serve WebSocket, as an outside script calls it (types, namespaces, TTL
 *             buckets, top keys by memory and by elements);
 *   then a dedicated run with `slowlog-log-slower-than 0`: the longest single call QueueDesk made, as Redis
 *   timed it; and the host process's peak RSS.
 * Last line: `analyze: ratio=<ours/memkeys> longest_call_ms=<n> rss_mb=<n>`.
 */
import { spawn } from 'node:child_process';
import WebSocket from 'ws';
import { findOnPath } from '../src/core/connection/find-binary';
import type { AnalyzeReport } from '../src/shared/contract';
import { startTestRedis } from '../tests/helpers/redis-server';
import { peakRssMb } from './peak-rss';
import { startServeProcess } from '../tests/helpers/serve-process';

const N = Number(process.env.ANALYZE_BENCH_N ?? 1_000_000);
const BATCH = 10_000;

const log = (line: string): void => console.log(`analyze: ${line}`);
const ms = (t0: number): number => Math.round(performance.now() - t0);

type Client = ReturnType<Awaited<ReturnType<typeof startTestRedis>>['client']>;

async function load(redis: Client): Promise<void> {
  for (let i = 0; i < N; i += BATCH) {
    const p = redis.pipeline();
    for (let j = i; j < Math.min(N, i + BATCH); j++) {
      const key = `app:${j % 13}:${j % 97}:${j}`;
      switch (j % 5) {
        case 0:
          p.hset(key, 'f', 'v', 'g', String(j));
          break;
        case 1:
          p.rpush(key, 'a', 'b', 'c');
          break;
        case 2:
          p.sadd(key, 'a', 'b');
          break;
        case 3:
          p.zadd(key, 1, 'a', 2, 'b');
          break;
        default:
          p.set(key, `value-${j}`);
      }
      if (j % 3 === 0) p.pexpire(key, 600_000 + (j % 5_000) * 60_000);
    }
    await p.exec();
  }
  // A few big collections, so the top lists and MEMORY USAGE sampling have something to find.
  for (let b = 0; b < 5; b++) {
    const p = redis.pipeline();
    for (let i = 0; i < 100_000; i += 1000)
      p.hset(`big:${b}`, ...Array.from({ length: 1000 }, (_, k) => [`f${i + k}`, `v${i + k}`]).flat());
    await p.exec();
  }
}

function memkeys(port: number): Promise<string> {
  const cli = findOnPath('redis-cli');
  if (!cli) throw new Error('redis-cli not found (apt-get install redis-tools)');
  return new Promise((resolve, reject) => {
    const p = spawn(cli, ['-p', String(port), '--memkeys'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`redis-cli exited ${code}`))));
  });
}

async function analyze(url: string): Promise<AnalyzeReport> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const report = new Promise<AnalyzeReport>((resolve, reject) => {
    ws.on('message', (raw) => {
      const frame = JSON.parse(raw.toString()) as {
        id?: number;
        ok?: boolean;
        data?: AnalyzeReport;
        error?: unknown;
      };
      if (frame.id !== 1) return;
      if (frame.ok && frame.data) resolve(frame.data);
      else reject(new Error(JSON.stringify(frame.error)));
    });
  });
  ws.send(JSON.stringify({ id: 1, method: 'keys.analyze', params: { top: 50 } }));
  try {
    return await report;
  } finally {
    ws.close();
  }
}


/** The longest command QueueDesk's own connection ran, by Redis' clock (SLOWLOG entries carry the client name). */
async function longestLoggedMs(admin: Client): Promise<{ ms: number; calls: number; command: string }> {
  const entries = (await admin.call('SLOWLOG', 'GET', '-1')) as Array<
    [number, number, number, string[], string, string]
  >;
  let longest = 0;
  let command = '';
  let calls = 0;
  for (const [, , us, args, , name] of entries) {
    if (name !== 'queuedesk') continue;
    calls++;
    if (us > longest) {
      longest = us;
      command = args.slice(0, 2).join(' ');
    }
  }
  return { ms: longest / 1000, calls, command };
}

async function main(): Promise<void> {
  const redis = await startTestRedis();
  const serve = await startServeProcess(['--redis', redis.url]);
  const admin = redis.client();
  try {
    let t0 = performance.now();
    await load(admin);
    const dbKeys = await admin.dbsize();
    log(
      `loaded ${dbKeys.toLocaleString('en')} keys (5 types, a third with TTLs, 5 hashes of 100k fields) in ${ms(t0)} ms`,
    );

    t0 = performance.now();
    const cliOut = await memkeys(redis.port);
    const baselineMs = ms(t0);
    const sampled = /Sampled (\d+) keys/.exec(cliOut)?.[1];
    log(`baseline redis-cli --memkeys: ${sampled} keys in ${baselineMs} ms`);

    t0 = performance.now();
    const report = await analyze(serve.apiUrl);
    const oursMs = ms(t0);
    if (report.totals.keys !== dbKeys) throw new Error(`analyze saw ${report.totals.keys} keys of ${dbKeys}`);
    log(
      `queuedesk keys.analyze: ${report.totals.keys.toLocaleString('en')} keys in ${oursMs} ms, ` +
        `${report.namespaces.length} namespaces, totals ${(report.totals.bytes / 2 ** 20).toFixed(1)} MB vs ` +
        `INFO used_memory_dataset ${((report.info.usedMemoryDataset ?? 0) / 2 ** 20).toFixed(1)} MB ` +
        `(MEMORY USAGE SAMPLES ${report.memorySamples})`,
    );
    log(`its own longest round trip: ${report.longestCallMs} ms`);

    await admin.config('SET', 'slowlog-log-slower-than', '0');
    await admin.config('SET', 'slowlog-max-len', '1000000');
    await admin.call('SLOWLOG', 'RESET');
    await analyze(serve.apiUrl);
    await admin.config('SET', 'slowlog-log-slower-than', '10000');
    const longest = await longestLoggedMs(admin);
    log(
      `dedicated SLOWLOG run: ${longest.calls} calls by QueueDesk, longest ${longest.ms} ms (${longest.command})`,
    );
    const rss = peakRssMb(serve.proc.pid!);
    log(`host peak RSS: ${rss} MB`);
    console.log(
      `analyze: ratio=${(oursMs / baselineMs).toFixed(2)} longest_call_ms=${longest.ms.toFixed(2)} rss_mb=${rss}`,
    );
  } finally {
    await serve.stop();
    await redis.stop();
  }
}

await main();
