/**
 * bench:inside — finding the fields of a 190,000-field hash that match `field:1234*` (111 of them) through the
 * API of a real core host on a real redis-server: with `keys.scanMembers` (MATCH run by Redis, bounded steps)
 * against the baseline measured in the same run, paging the whole hash through `keys.get` and filtering in the
 * client, which is what the inspector could do before. Also the longest single API call and the longest single
 * HSCAN inside Redis (SLOWLOG with a 0 µs threshold), the figure that says one step stays short.
 * Last line: `inside: match_ms=<n> baseline_ms=<n> ratio=<n> calls=<n> longest_call_ms=<n> longest_hscan_us=<n>`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreHost } from '../src/core/host';
import type { MethodName, Params, Result } from '../src/shared/contract';
import { writeBigHash } from '../tests/integration/keys/big-values';
import { startTestRedis } from '../tests/helpers/redis-server';

const KEY = 'bench:inside:hash';
const MATCH = /^field:1234/;

async function main(): Promise<void> {
  const redis = await startTestRedis();
  const host = new CoreHost({ dataDir: mkdtempSync(join(tmpdir(), 'qd-bench-inside-')) });
  const call = async <M extends MethodName>(m: M, p: Params<M>): Promise<Result<M>> => {
    const r = await host.call(m, p);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.data as Result<M>;
  };
  try {
    await call('connection.connect', { mode: 'url', url: redis.url });
    const client = redis.client();
    await writeBigHash(client, KEY, 190_000);

    // Baseline: every page of the hash through keys.get, filtered here.
    let t0 = performance.now();
    let baselineFound = 0;
    let cursor: string | null = null;
    do {
      const page: Result<'keys.get'> = await call('keys.get', {
        key: KEY,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      if (page.value.kind === 'hash')
        baselineFound += page.value.entries.filter((e) => MATCH.test(e.field)).length;
      cursor = page.nextCursor;
    } while (cursor);
    const baselineMs = performance.now() - t0;

    await client.config('SET', 'slowlog-log-slower-than', '0');
    await client.config('SET', 'slowlog-max-len', '100000');
    await client.slowlog('RESET');
    t0 = performance.now();
    let found = 0;
    let calls = 0;
    let longestCall = 0;
    cursor = null;
    do {
      const c0 = performance.now();
      const page: Result<'keys.scanMembers'> = await call('keys.scanMembers', {
        key: KEY,
        match: 'field:1234*',
        ...(cursor ? { cursor } : {}),
      });
      longestCall = Math.max(longestCall, performance.now() - c0);
      calls++;
      if (page.value.kind === 'hash') found += page.value.entries.length;
      cursor = page.nextCursor;
    } while (cursor);
    const matchMs = performance.now() - t0;
    const log = (await client.slowlog('GET', 100000)) as unknown[][];
    const hscans = log.filter((e) => String((e[3] as unknown[])[0]).toUpperCase() === 'HSCAN');
    const micros = hscans.map((e) => Number(e[2])).sort((a, b) => a - b);
    const longestHscan = micros.at(-1) ?? 0;
    const medianHscan = micros[Math.floor(micros.length / 2)] ?? 0;
    await client.config('SET', 'slowlog-log-slower-than', '10000');
    if (found !== 111 || baselineFound !== 111)
      throw new Error(`found ${found} / ${baselineFound}, expected 111`);
    console.log(
      `inside: ${hscans.length} HSCAN steps of COUNT 1000 inside ${calls} API calls, median step ${medianHscan} µs`,
    );
    console.log(
      `inside: match_ms=${Math.round(matchMs)} baseline_ms=${Math.round(baselineMs)} ratio=${(baselineMs / matchMs).toFixed(1)} calls=${calls} longest_call_ms=${Math.round(longestCall)} longest_hscan_us=${longestHscan}`,
    );
  } finally {
    await host.close();
    await redis.stop();
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
