/**
 * Start-up: `queuedesk serve` (embedded Redis) from a cold process, 5 times. Times, from the spawn, the first
 * `connection.status` answering connected over the WebSocket and the first byte of the UI page; checks that no
 * redis-server outlives each stop. Baselines measured in the same run: a bare redis-server answering PING, and a
 * bare `node` process start.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findRedisServerBinary } from '../src/core/connection/find-binary';
import { isAlive, waitUntil } from '../tests/helpers/process-alive';
import { answersPing, freePort } from '../tests/helpers/redis-server';
import { WsApi } from '../tests/helpers/ws-api';

const RUNS = 5;
const root = resolve(import.meta.dirname, '..');
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function serveOnce(): Promise<{ connectedMs: number; pageMs: number }> {
  const t0 = performance.now();
  const proc = spawn(
    process.execPath,
    [
      join(root, 'bin/queuedesk.js'),
      'serve',
      '--port',
      '0',
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'qd-bench-')),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  const line = await new Promise<string>((res, rej) => {
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /QueueDesk serving at (\S+)/.exec(out);
      if (m) res(m[1] as string);
    });
    proc.once('exit', (c) => rej(new Error(`serve exited ${c}`)));
  });
  const url = new URL(line);
  const pagePromise = fetch(url).then(async (r) => {
    const reader = r.body?.getReader();
    await reader?.read();
    const ms = performance.now() - t0;
    await reader?.cancel();
    return ms;
  });
  const api = await WsApi.open(`ws://${url.host}/api?token=${url.searchParams.get('token')}`);
  while ((await api.data<{ state: string }>('connection.status')).state !== 'connected') {
    // serve prints its line once connected; this loop only guards against a change of that order.
  }
  const connectedMs = performance.now() - t0;
  const pageMs = await pagePromise;
  const { pid } = await api.data<{ pid: number }>('server.info');
  api.close();
  await new Promise<void>((res) => {
    proc.once('exit', () => res());
    proc.kill('SIGTERM');
  });
  await waitUntil(() => !isAlive(pid), 5000).catch(() => {
    throw new Error(`redis-server ${pid} left behind after stop`);
  });
  return { connectedMs, pageMs };
}

async function bareRedisOnce(binary: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(binary, ['--port', String(port), '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  while (!(await answersPing(port))) await new Promise((r) => setTimeout(r, 2));
  const ms = performance.now() - t0;
  proc.kill('SIGKILL');
  return ms;
}

async function bareNodeOnce(): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((res) =>
    spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).once('exit', () => res()),
  );
  return performance.now() - t0;
}

const binary = findRedisServerBinary();
if (!binary) throw new Error('redis-server not found');
const redisMs: number[] = [];
const nodeMs: number[] = [];
const connected: number[] = [];
const page: number[] = [];
for (let i = 0; i < RUNS; i++) {
  redisMs.push(await bareRedisOnce(binary));
  nodeMs.push(await bareNodeOnce());
  const r = await serveOnce();
  connected.push(r.connectedMs);
  page.push(r.pageMs);
  console.log(
    `run ${i + 1}: connected_ms=${r.connectedMs.toFixed(0)} page_ms=${r.pageMs.toFixed(0)} (no redis-server left)`,
  );
}
const base = median(redisMs) + median(nodeMs);
console.log(
  `baseline: bare redis-server ready_ms=${median(redisMs).toFixed(0)}, bare node start_ms=${median(nodeMs).toFixed(0)}`,
);
console.log(
  `ratio: connected/(redis+node)=${(median(connected) / base).toFixed(2)}; goal connected_ms <= 1500`,
);
console.log(`start: connected_ms=${median(connected).toFixed(0)} page_ms=${median(page).toFixed(0)}`);
