/**
 * bench:analyze — 1,000,000 keys (strings, hashes, lists, sets, sorted sets; a third with a TTL), then in the
 * same run:
 *   baseline: `redis-cli --memkeys` (SCAN, TYPE and MEMORY USAGE of every key, the biggest per type);
 *   ours:     `keys.analyze` over the serve WebSocket, as an outside script calls it (types, namespaces, TTL
 *             buckets, top keys by memory and by elements);
 *   the longest single call QueueDesk made, by Redis' own clock (SLOWLOG): a script counts as one command,
 *   and that is what other clients wait behind. Round trips seen by the host include its own event loop and
 *   queueing behind its other calls, so they are printed but are not the figure. SLOWLOG logs the commands a
 *   script runs as well, so logging everything (threshold 0) would push a million keys' inner calls through
 *   the log and evict most of our own; it logs calls of 1 ms or more instead, during both runs: every
 *   memkeys command is a single-key one of microseconds, so its longest shows what a loaded machine adds
 *   (Redis descheduled mid-command), and ours is read against that;
 *   the host process's peak RSS.
 * Checks that the report's per-type counts and (for types whose keys are small) bytes equal memkeys'.
 * Last line: `analyze: ratio=<ours/memkeys> longest_call_ms=<n> rss_mb=<n>`.
 */
import { loadavg } from 'node:os';
import WebSocket from 'ws';
import type { AnalyzeReport } from '../src/shared/contract';
import { startTestRedis } from '../tests/helpers/redis-server';
import { startServeProcess } from '../tests/helpers/serve-process';
import { loadDataset, memkeys, type MemkeysResult } from './analyze-baseline';
import { peakRssMb } from './peak-rss';

const N = Number(process.env.ANALYZE_BENCH_N ?? 1_000_000);

const log = (line: string): void => console.log(`analyze: ${line}`);
const ms = (t0: number): number => Math.round(performance.now() - t0);
const load = (): string => loadavg()[0]!.toFixed(1);

type Client = ReturnType<Awaited<ReturnType<typeof startTestRedis>>['client']>;

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

const SLOW_US = 1000;

interface Logged {
  /** Calls of SLOW_US or more, and of 5 ms or more. */
  slow: number;
  over5ms: number;
  longestMs: number;
  command: string;
}

/** One client's commands in the SLOWLOG since the last reset (entries carry the client's name). */
async function loggedCalls(admin: Client, client: (name: string) => boolean): Promise<Logged> {
  const entries = (await admin.call('SLOWLOG', 'GET', '-1')) as Array<
    [number, number, number, string[], string, string]
  >;
  const out: Logged = { slow: 0, over5ms: 0, longestMs: 0, command: '' };
  for (const [, , us, args, , name] of entries) {
    if (!client(name)) continue;
    out.slow++;
    if (us >= 5000) out.over5ms++;
    if (us / 1000 > out.longestMs) [out.longestMs, out.command] = [us / 1000, args.slice(0, 3).join(' ')];
  }
  return out;
}

const slowLine = (l: Logged): string =>
  `${l.slow} calls ≥ ${SLOW_US / 1000} ms, ${l.over5ms} ≥ 5 ms, longest ${l.longestMs} ms (${l.command})`;

/** Our per-type figures against memkeys': counts must be equal; bytes too where no key is big enough to sample. */
function compareTypes(report: AnalyzeReport, baseline: MemkeysResult): string {
  const out: string[] = [];
  for (const t of report.byType) {
    const b = baseline.byType.get(t.type);
    if (!b || b.keys !== t.keys) throw new Error(`${t.type}: ${t.keys} keys, memkeys saw ${b?.keys}`);
    const diff = ((t.bytes - b.bytes) / b.bytes) * 100;
    out.push(`${t.type} ${t.keys} keys ${diff === 0 ? 'same bytes' : `bytes ${diff.toFixed(2)}%`}`);
  }
  return out.join(', ');
}

async function main(): Promise<void> {
  const redis = await startTestRedis(['--slowlog-max-len', '1000000']);
  const serve = await startServeProcess(['--redis', redis.url]);
  const admin = redis.client({ connectionName: 'bench-admin' });
  try {
    let t0 = performance.now();
    await loadDataset(admin, N);
    const dbKeys = await admin.dbsize();
    log(
      `loaded ${dbKeys.toLocaleString('en')} keys (5 types, a third with TTLs, 5 hashes of 100k fields) in ${ms(t0)} ms`,
    );

    await admin.config('SET', 'slowlog-log-slower-than', String(SLOW_US));
    await admin.call('SLOWLOG', 'RESET');
    t0 = performance.now();
    const baseline = await memkeys(redis.port);
    const baselineMs = ms(t0);
    log(
      `baseline redis-cli --memkeys: ${baseline.sampled} keys in ${baselineMs} ms (load average ${load()})`,
    );

    // redis-cli names no connection; ours is "queuedesk".
    const noise = await loggedCalls(admin, (name) => name === '');
    log(`SLOWLOG of the baseline (single-key commands: what the machine adds): ${slowLine(noise)}`);
    await admin.call('SLOWLOG', 'RESET');
    t0 = performance.now();
    const report = await analyze(serve.apiUrl);
    const oursMs = ms(t0);
    if (report.totals.keys !== dbKeys) throw new Error(`analyze saw ${report.totals.keys} keys of ${dbKeys}`);
    log(
      `queuedesk keys.analyze: ${report.totals.keys.toLocaleString('en')} keys in ${oursMs} ms (load average ${load()}), ` +
        `${report.namespaces.length} namespaces, totals ${(report.totals.bytes / 2 ** 20).toFixed(1)} MB vs ` +
        `INFO used_memory_dataset ${((report.info.usedMemoryDataset ?? 0) / 2 ** 20).toFixed(1)} MB ` +
        `(MEMORY USAGE SAMPLES ${report.memorySamples})`,
    );
    log(`per type against memkeys: ${compareTypes(report, baseline)}`);
    const logged = await loggedCalls(admin, (name) => name === 'queuedesk');
    await admin.config('SET', 'slowlog-log-slower-than', '10000');
    log(
      `SLOWLOG of our run: ${slowLine(logged)}; by the script's own clock ${report.longestServerMs} ms; ` +
        `longest round trip seen by the host ${report.longestCallMs} ms`,
    );
    const rss = peakRssMb(serve.proc.pid!);
    log(`host peak RSS: ${rss} MB`);
    console.log(
      `analyze: ratio=${(oursMs / baselineMs).toFixed(2)} longest_call_ms=${logged.longestMs.toFixed(2)} rss_mb=${rss}`,
    );
  } finally {
    await serve.stop();
    await redis.stop();
  }
}

await main();
