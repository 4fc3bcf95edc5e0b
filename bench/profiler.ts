/**
 * What the Workbench profiler (MONITOR) costs Redis: redis-benchmark SET/GET throughput (50 clients, unpipelined)
 * with no profiler, then with the profiler running through a core host (its own MONITOR connection, capped
 * batches to a listener), alternated ROUNDS times in the same run. Also how many lines the cap let through and
 * how many it dropped: `profiler: ops_ratio=<with/without> …`. Then the guard: a run whose MONITOR replies a
 * proxy stops reading (a host that fell behind) under a pipelined flood, sampling what Redis buffers for it:
 * `profiler: peak_omem_mb=… redis_mem_ratio=<used_memory peak during the run / before> stopped=<reason>
 * reading_peak_omem_mb=<what Redis buffered in the 5 s before the stall, the host reading at full speed>`.
 *
 * `npm run bench:profiler`; PROFILER_REQUESTS (default 100000) sets redis-benchmark's -n per round, PROFILER_ROUNDS
 * (default 7) the rounds.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreHost } from '../src/core/host';
import type { ProfilerLinesEvent } from '../src/shared/contract';
import { commandFlood, infoNumber } from '../tests/helpers/command-flood';
import { startTestRedis } from '../tests/helpers/redis-server';
import { startTcpProxy } from '../tests/helpers/tcp-proxy';

const REQUESTS = Number(process.env.PROFILER_REQUESTS ?? 100_000);
/** The machine is shared and noisy: alternate several rounds and compare medians. */
const ROUNDS = Number(process.env.PROFILER_ROUNDS ?? 7);

const redis = await startTestRedis();
const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-bench-prof-')) });
const connected = await host.call('connection.connect', { mode: 'url', url: redis.url });
if (!connected.ok) throw new Error(connected.error.message);
let last: ProfilerLinesEvent | null = null;
let shown = 0;
host.onEvent((event, data) => {
  if (event !== 'server.profilerLines') return;
  last = data as ProfilerLinesEvent;
  shown += last.lines.length;
});

/** redis-benchmark's requests per second, summed over SET and GET. */
async function benchmark(): Promise<number> {
  // Asynchronous, so this process keeps reading the MONITOR stream while the benchmark runs.
  const { stdout: out } = await promisify(execFile)(
    'redis-benchmark',
    ['-p', String(redis.port), '-t', 'set,get', '-n', String(REQUESTS), '-c', '50', '-q'],
    { encoding: 'utf8' },
  );
  const rates = [...out.matchAll(/:\s*([\d.]+) requests per second/g)].map((m) => Number(m[1]));
  if (rates.length !== 2) throw new Error(`unexpected redis-benchmark output: ${out}`);
  return rates[0]! + rates[1]!;
}

const without: number[] = [];
const withProfiler: number[] = [];
let received = 0;
let dropped = 0;
for (let round = 0; round < ROUNDS; round++) {
  without.push(await benchmark());
  const started = await host.call('server.profilerStart', { seconds: 300, profilerId: `bench${round}` });
  if (!started.ok) throw new Error(started.error.message);
  shown = 0;
  withProfiler.push(await benchmark());
  await host.call('server.profilerStop', {});
  const final = last as ProfilerLinesEvent | null;
  received += final?.received ?? 0;
  dropped += final?.dropped ?? 0;
  console.log(
    `round ${round + 1}: without=${without.at(-1)!.toFixed(0)} ops/s with=${withProfiler.at(-1)!.toFixed(0)} ops/s ` +
      `lines received=${final?.received} shown=${shown} dropped=${final?.dropped}`,
  );
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = median(withProfiler) / median(without);
console.log(
  `profiler: ops_ratio=${ratio.toFixed(3)} (median with ${median(withProfiler).toFixed(0)} / without ` +
    `${median(without).toFixed(0)} ops/s) lines_received=${received} dropped=${dropped}`,
);
await host.close();

// The guard: same server, a host reaching it through a proxy that stalls the MONITOR connection's replies.
const proxy = await startTcpProxy(redis.port);
const stalled = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-bench-prof-')) });
const via = await stalled.call('connection.connect', { mode: 'url', url: proxy.url });
if (!via.ok) throw new Error(via.error.message);
let stop: ProfilerLinesEvent | null = null;
stalled.onEvent((event, data) => {
  const e = data as ProfilerLinesEvent;
  if (event === 'server.profilerLines' && e.stopped) stop = e;
});
const admin = redis.client();
await admin.config('RESETSTAT'); // used_memory_peak from here on
const before = infoNumber(await admin.info('memory'), 'used_memory');
const guarded = await stalled.call('server.profilerStart', { seconds: 120, profilerId: 'guard' });
if (!guarded.ok) throw new Error(guarded.error.message);
/** The most Redis buffered for the profiler's connection, sampled every 50 ms until `done`. */
async function peakOmemUntil(done: () => boolean): Promise<number> {
  let most = 0;
  while (!done()) {
    const line = String(await admin.call('CLIENT', 'LIST'))
      .split('\n')
      .find((l) => l.includes('name=queuedesk:profiler '));
    most = Math.max(most, Number(/ omem=(\d+)/.exec(line ?? '')?.[1] ?? 0));
    await new Promise((r) => setTimeout(r, 50));
  }
  return most;
}
const flood = commandFlood(redis.port, 50_000_000);
// First 5 s read as fast as the host can: it should keep up, Redis buffering next to nothing.
const keptUp = Date.now() + 5000;
const readingOmem = await peakOmemUntil(() => Date.now() > keptUp);
proxy.stall('queuedesk:profiler');
// Then the stalled reader, until the run stops (by the guard, or its 120 s).
const peakOmem = await peakOmemUntil(() => stop !== null);
flood.stop();
const peak = infoNumber(await admin.info('memory'), 'used_memory_peak');
const ended = stop as ProfilerLinesEvent;
console.log(ended.stopDetail ?? '');
console.log(
  `profiler: peak_omem_mb=${(peakOmem / 1024 / 1024).toFixed(1)} redis_mem_ratio=${(peak / before).toFixed(2)} ` +
    `(used_memory ${(before / 1024 / 1024).toFixed(1)} MB before, peak ${(peak / 1024 / 1024).toFixed(1)} MB) ` +
    `stopped=${ended.stopped} reading_peak_omem_mb=${(readingOmem / 1024 / 1024).toFixed(1)} (before the stall)`,
);
admin.disconnect();
await stalled.close();
await proxy.close();
await redis.stop();
